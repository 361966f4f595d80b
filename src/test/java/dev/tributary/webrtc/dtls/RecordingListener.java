package dev.tributary.webrtc.dtls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Remembers every state change and queues received application data, for assertions. */
final class RecordingListener implements DtlsTransport.Listener {

    private final List<DtlsState> states = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();

    @Override
    public void onStateChange(DtlsState state) {
        synchronized (this) {
            states.add(state);
            notifyAll();
        }
    }

    @Override
    public void onApplicationData(byte[] record) {
        data.add(record);
    }

    List<DtlsState> states() {
        return List.copyOf(states);
    }

    /** Waits until the state was reported; false on timeout. */
    synchronized boolean awaitState(DtlsState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!states.contains(state)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The next application data record, or null after the timeout. */
    byte[] nextData(Duration timeout) throws InterruptedException {
        return data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
