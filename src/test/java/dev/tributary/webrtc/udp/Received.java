package dev.tributary.webrtc.udp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A datagram a handler was given, copied out of the reader's buffer. */
record Received(InetSocketAddress localAddress, InetSocketAddress source, byte[] data) {

    String text() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** A handler that queues what it is given. */
    static final class Inbox implements DatagramHandler {

        private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

        @Override
        public void onDatagram(InetSocketAddress localAddress, InetSocketAddress source, byte[] buf, int off, int len) {
            queue.add(new Received(localAddress, source, Arrays.copyOfRange(buf, off, off + len)));
        }

        /** @return the next datagram, failing the test if none comes within 5 seconds */
        Received take() throws InterruptedException {
            Received received = queue.poll(5, TimeUnit.SECONDS);
            if (received == null) {
                throw new AssertionError("no datagram within 5 s");
            }
            return received;
        }

        /** @return what has arrived and not been taken yet */
        int pending() {
            return queue.size();
        }
    }
}
