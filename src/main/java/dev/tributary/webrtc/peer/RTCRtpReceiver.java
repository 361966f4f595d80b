package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtcp.RtcpPacket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * W3C {@code RTCRtpReceiver}: what one media section receives. Its tracks deliver RTP; the
 * RTCP compounds about them (sender reports, SDES, BYE …) wait in a bounded queue read with
 * {@link #readRtcp(Duration)}.
 *
 * <p>The two paths are independent: the RTCP queue has its own lock, which the RTP path never
 * takes, and when nobody reads RTCP the oldest compounds are dropped (and counted), so reading
 * RTCP slowly, or never, cannot block, delay or corrupt RTP.
 */
public final class RTCRtpReceiver {

    private final MediaKind kind;
    private final int rtcpCapacity;
    private final List<RemoteTrack> tracks = new CopyOnWriteArrayList<>();
    private final ReentrantLock rtcpLock = new ReentrantLock();
    private final Condition rtcpArrived = rtcpLock.newCondition();
    private final ArrayDeque<List<RtcpPacket>> rtcp = new ArrayDeque<>();
    private long rtcpDropped;
    private boolean closed;

    RTCRtpReceiver(MediaKind kind, int rtcpCapacity) {
        this.kind = kind;
        this.rtcpCapacity = rtcpCapacity;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The tracks received so far (one, or one per simulcast layer). */
    public List<RemoteTrack> tracks() {
        return List.copyOf(tracks);
    }

    /**
     * Waits for the next RTCP compound about this receiver's streams.
     *
     * @param timeout how long to wait at most
     * @return the compound's packets, or an empty list when none came in time
     * @throws ConnectionClosedException once the connection is closed and the queue is empty
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    public List<RtcpPacket> readRtcp(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        rtcpLock.lock();
        try {
            while (rtcp.isEmpty()) {
                if (closed) {
                    throw new ConnectionClosedException("the peer connection is closed");
                }
                if (remaining <= 0) {
                    return List.of();
                }
                remaining = rtcpArrived.awaitNanos(remaining);
            }
            return rtcp.poll();
        } finally {
            rtcpLock.unlock();
        }
    }

    /** RTCP compounds dropped because the queue was full (nobody read them in time). */
    public long rtcpDropped() {
        rtcpLock.lock();
        try {
            return rtcpDropped;
        } finally {
            rtcpLock.unlock();
        }
    }

    void addTrack(RemoteTrack track) {
        tracks.add(track);
    }

    /** Called on the connection's thread; never waits for a reader. */
    void offerRtcp(List<RtcpPacket> compound) {
        rtcpLock.lock();
        try {
            if (closed) {
                return;
            }
            if (rtcp.size() == rtcpCapacity) {
                rtcp.poll();
                rtcpDropped++;
            }
            rtcp.add(compound);
            rtcpArrived.signalAll();
        } finally {
            rtcpLock.unlock();
        }
    }

    void close() {
        rtcpLock.lock();
        try {
            closed = true;
            rtcpArrived.signalAll();
        } finally {
            rtcpLock.unlock();
        }
    }
}
