package dev.tributary.webrtc.dtls;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport BouncyCastle's blocking DTLS runs over: the I/O driver pushes received
 * datagrams in with {@link #offer} (never blocking; a full queue drops and counts), BouncyCastle
 * takes them out with {@link #receive} on the transport's virtual thread, and what BouncyCastle
 * sends goes to the driver's {@link DtlsTransport.Sender}.
 *
 * <p>BouncyCastle sends every record as a datagram of its own. During the handshake this class
 * packs the records of a flight into as few datagrams as fit {@link #SEND_LIMIT}, as browsers do:
 * records collect until BouncyCastle waits for the peer's answer (the end of a flight), the
 * handshake ends, or the transport closes. A flight then arrives whole or not at all, which is
 * what BouncyCastle's retransmission logic handles best (it answers a retransmitted flight only
 * once every message of it has arrived again), and it halves the datagrams of a handshake.
 */
final class QueueDatagramTransport implements DatagramTransport {

    /**
     * The largest datagram accepted: one record of the largest plaintext TLS allows (RFC 6347
     * §4.1, 2^14 bytes) plus header and AEAD overhead. Real WebRTC datagrams stay under the path
     * MTU, but a peer may legally send larger ones.
     */
    static final int RECEIVE_LIMIT = (1 << 14) + 256;
    /**
     * The datagram size handshake flights are fragmented to: 1200 bytes fit any path WebRTC runs
     * on, IPv6 and TURN included, which is why browsers use about this size.
     */
    static final int SEND_LIMIT = 1200;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<byte[]> datagrams;
    private final int capacity;
    private final DtlsTransport.Sender sender;
    private final AtomicLong dropped = new AtomicLong();
    private final ChangeCipherSpecGate gate;
    private final Object sendLock = new Object();
    private final byte[] flight = new byte[SEND_LIMIT];
    private int flightLength;
    private boolean packing = true;
    private volatile boolean closed;

    /**
     * @param gate filters received datagrams before BouncyCastle sees them (the server's
     *     workaround for a BouncyCastle bug), or null to pass them unchanged
     */
    QueueDatagramTransport(int capacity, DtlsTransport.Sender sender, ChangeCipherSpecGate gate) {
        this.datagrams = new ArrayDeque<>(capacity);
        this.capacity = capacity;
        this.sender = sender;
        this.gate = gate;
    }

    /**
     * Queues a copy of a received datagram for the handshake or reader thread.
     *
     * @return false if the datagram was dropped: queue full, too large, or transport closed (a
     *     ChangeCipherSpec the gate holds back counts as accepted)
     */
    boolean offer(byte[] buf, int off, int len) {
        if (len > RECEIVE_LIMIT) {
            dropped.incrementAndGet();
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (datagrams.size() >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
            byte[] datagram = gate == null ? copy : gate.filter(copy);
            if (datagram == null) {
                return true;
            }
            datagrams.addLast(datagram);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Datagrams dropped because the queue was full or they were too large. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /**
     * Takes the next datagram, waiting at most {@code waitMillis} (0 waits without limit, as
     * {@link org.bouncycastle.tls.DatagramReceiver} specifies).
     *
     * @return the datagram's length, or -1 if none arrived in time
     * @throws ClosedChannelException once the transport is closed, which ends BouncyCastle's loops
     * @throws InterruptedIOException if the waiting thread is interrupted
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis)
            throws ClosedChannelException, InterruptedIOException {
        flush();
        byte[] datagram;
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (datagrams.isEmpty()) {
                if (closed) {
                    throw new ClosedChannelException();
                }
                if (waitMillis == 0) {
                    notEmpty.await();
                } else if (remaining <= 0) {
                    return -1;
                } else {
                    remaining = notEmpty.awaitNanos(remaining);
                }
            }
            datagram = datagrams.removeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        } finally {
            lock.unlock();
        }
        int length = Math.min(datagram.length, len);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    /**
     * Hands a record to the driver, packed with the rest of its flight during the handshake. A
     * sender that throws loses the datagram, as UDP would; DTLS retransmission recovers handshake
     * flights. Nothing is sent once the transport is closed: BouncyCastle sends its close_notify
     * or fatal alert before it closes this transport.
     */
    @Override
    public void send(byte[] buf, int off, int len) {
        synchronized (sendLock) {
            if (closed) {
                return;
            }
            if (!packing || len > SEND_LIMIT) {
                flushLocked();
                deliver(buf, off, len);
                return;
            }
            if (flightLength + len > SEND_LIMIT) {
                flushLocked();
            }
            System.arraycopy(buf, off, flight, flightLength, len);
            flightLength += len;
        }
    }

    /** The handshake is over: sends what is packed and sends every later record at once. */
    void handshakeDone() {
        synchronized (sendLock) {
            flushLocked();
            packing = false;
        }
    }

    private void flush() {
        synchronized (sendLock) {
            flushLocked();
        }
    }

    private void flushLocked() {
        if (flightLength > 0) {
            deliver(flight, 0, flightLength);
            flightLength = 0;
        }
    }

    private void deliver(byte[] buf, int off, int len) {
        try {
            sender.send(buf, off, len);
        } catch (RuntimeException e) {
            DtlsTransport.LOG.log(System.Logger.Level.DEBUG, "DTLS datagram sender failed", e);
        }
    }

    /**
     * Sends what is packed, then wakes the waiting thread, which fails with
     * {@link ClosedChannelException}.
     */
    @Override
    public void close() {
        synchronized (sendLock) {
            flushLocked();
            closed = true;
        }
        lock.lock();
        try {
            datagrams.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
