package dev.tributary.webrtc.dtls;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One direction of an in-memory datagram network: a {@link DtlsTransport.Sender} that loses a
 * seeded random share of the datagrams and delays the others by a random 0 to maxDelay ms (which
 * reorders them), then hands them to the receiving side.
 */
class DatagramPipe implements DtlsTransport.Sender {

    private final Random random;
    private final double lossRate;
    private final int maxDelayMillis;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private volatile Consumer<byte[]> receiver = datagram -> {};

    DatagramPipe(long seed, double lossRate, int maxDelayMillis) {
        this.random = new Random(seed);
        this.lossRate = lossRate;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** A pipe that delivers everything at once, in order. */
    static DatagramPipe perfect() {
        return new DatagramPipe(0, 0, 0);
    }

    void connectTo(DtlsTransport transport) {
        receiver = datagram -> transport.handleDatagram(datagram, 0, datagram.length);
    }

    void connectTo(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    int sent() {
        return sent.get();
    }

    int lost() {
        return lost.get();
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        sent.incrementAndGet();
        boolean drop;
        int delay;
        synchronized (random) {
            drop = random.nextDouble() < lossRate;
            delay = maxDelayMillis > 0 ? random.nextInt(maxDelayMillis + 1) : 0;
        }
        if (drop) {
            lost.incrementAndGet();
            return;
        }
        byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
        if (delay == 0) {
            receiver.accept(datagram);
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delay);
                receiver.accept(datagram);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
