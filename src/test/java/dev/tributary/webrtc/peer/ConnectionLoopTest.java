package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's hand-off: no task or deadline waits for a wake-up that never comes, tasks run one
 * at a time in the order each producer queued them, and stopping fails what is still queued.
 */
class ConnectionLoopTest {

    /** Longer than any wake-up takes on a loaded machine; a lost one waits forever. */
    private static final long LOST_MILLIS = 10_000;

    private final List<ConnectionLoop> loops = new ArrayList<>();

    @AfterEach
    void stopLoops() throws InterruptedException {
        for (ConnectionLoop loop : loops) {
            loop.stop();
            loop.join();
        }
    }

    private ConnectionLoop start(Clock clock) {
        ConnectionLoop loop = new ConnectionLoop("test-loop", clock::deadline, clock::fire);
        loops.add(loop);
        loop.start();
        return loop;
    }

    /**
     * Each producer queues a task and spins until it has run before queuing the next, so that
     * the loop goes back to parking between tasks and offers land while it is on its way to the
     * park. A wake-up lost in that race leaves a task queued with nothing to run it: no deadline
     * is set, so nothing else would wake the loop.
     */
    @Test
    void noWakeUpIsLostWhenProducersRaceThePark() throws Exception {
        ConnectionLoop loop = start(new Clock());
        int producers = 2;
        int rounds = 50_000;
        AtomicLong ran = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int p = 0; p < producers; p++) {
            Thread.Builder builder = p % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
            threads.add(builder.start(() -> {
                try {
                    AtomicLong done = new AtomicLong();
                    for (long i = 1; i <= rounds; i++) {
                        long n = i;
                        loop.execute(() -> {
                            ran.incrementAndGet();
                            done.set(n);
                        });
                        spinUntil(() -> done.get() == n, "task " + n);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(ran.get()).isEqualTo((long) producers * rounds);
    }

    @Test
    void tasksRunOneAtATimeInEachProducersOrder() throws Exception {
        ConnectionLoop loop = start(new Clock());
        int producers = 3;
        int tasks = 50_000;
        long[] last = new long[producers]; // loop thread only
        boolean[] overlap = new boolean[1];
        AtomicLong running = new AtomicLong();
        ConcurrentLinkedQueue<String> disorder = new ConcurrentLinkedQueue<>();
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads[p] = Thread.ofPlatform().start(() -> {
                for (long i = 1; i <= tasks; i++) {
                    long n = i;
                    loop.execute(() -> {
                        if (running.incrementAndGet() != 1) {
                            overlap[0] = true;
                        }
                        if (last[producer] != n - 1) {
                            disorder.add(producer + ": " + n + " after " + last[producer]);
                        }
                        last[producer] = n;
                        running.decrementAndGet();
                    });
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(loop.call(() -> last.clone())).containsOnly(tasks);
        assertThat(overlap[0]).isFalse();
        assertThat(disorder).isEmpty();
    }

    @Test
    void aDeadlineFiresWithoutTasksAndNeverEarly() throws Exception {
        Clock clock = new Clock();
        ConnectionLoop loop = start(clock);
        for (long delayMillis : new long[] {30, 1, 50, 0, 5}) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            CountDownLatch fired = clock.expect();
            loop.execute(() -> clock.deadline = deadline);
            awaitOrFail(fired, "deadline in " + delayMillis + " ms");
        }
        assertThat(clock.early).isEmpty();
    }

    /**
     * A deadline moved earlier fires at the earlier time, not at the one armed before; one moved
     * later fires at the later time (the timer armed for the earlier one may wake the loop, which
     * must not call the connection's timer then).
     */
    @Test
    void aDeadlineMovedEarlierOrLaterFiresAtItsNewTime() throws Exception {
        Clock clock = new Clock();
        ConnectionLoop loop = start(clock);
        CountDownLatch fired = clock.expect();
        long far = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        loop.call(() -> clock.deadline = far);
        long near = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        loop.call(() -> clock.deadline = near);
        awaitOrFail(fired, "the earlier deadline");

        fired = clock.expect();
        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        loop.call(() -> clock.deadline = soon);
        long later = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(80);
        loop.call(() -> clock.deadline = later);
        awaitOrFail(fired, "the later deadline");
        assertThat(clock.firedAt.peek()).isGreaterThanOrEqualTo(later);
        assertThat(clock.early).isEmpty();
    }

    /**
     * The timer fires while the loop, woken by a task just before the deadline and with the timer
     * for that deadline armed already, is on its way back to the park: here it is held up (as by
     * the OS taking its carrier away) reading the deadline until after the timer has fired. The
     * timer finds it not parked and does not unpark it, so the loop must see that the timer
     * fired before it parks; nothing else would wake it, since no task comes after.
     */
    @Test
    void aTimerFiringWhileTheLoopIsOnItsWayToTheParkIsNotLost() throws Exception {
        Clock clock = new Clock();
        ConnectionLoop loop = start(clock);
        for (int i = 0; i < 5; i++) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            CountDownLatch fired = clock.expect();
            loop.call(() -> clock.deadline = deadline);
            spinUntil(() -> System.nanoTime() >= deadline - TimeUnit.MILLISECONDS.toNanos(5), "the send time");
            loop.execute(() -> clock.slowUntil = deadline + TimeUnit.MILLISECONDS.toNanos(5));
            awaitOrFail(fired, "deadline " + i);
        }
        assertThat(clock.early).isEmpty();
    }

    @Test
    void stoppingFailsQueuedCallsAndEndsTheThread() throws Exception {
        ConnectionLoop loop = start(new Clock());
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            blocked.countDown();
            awaitOrFail(release, "release");
        });
        awaitOrFail(blocked, "the first task");
        CompletableFuture<Integer> queued = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                queued.complete(loop.call(() -> 1));
            } catch (RuntimeException e) {
                queued.completeExceptionally(e);
            }
        });
        loop.stop();
        release.countDown();
        loop.join();
        assertThatThrownBy(queued::join).hasCauseInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> loop.call(() -> 2)).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aFailingTaskOrTimerDoesNotStopTheLoop() throws Exception {
        Clock clock = new Clock();
        clock.failing = true;
        ConnectionLoop loop = start(clock);
        loop.execute(() -> {
            throw new IllegalStateException("a bug in a task");
        });
        CountDownLatch fired = clock.expect();
        loop.execute(() -> clock.deadline = System.nanoTime());
        awaitOrFail(fired, "the failing timer");
        assertThat(loop.call(() -> "alive")).isEqualTo("alive");
    }

    private static void spinUntil(BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOST_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(what + " did not run within " + LOST_MILLIS + " ms: a lost wake-up");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitOrFail(CountDownLatch latch, String what) {
        try {
            if (!latch.await(LOST_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError(what + " did not run within " + LOST_MILLIS + " ms: a lost wake-up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The connection's timer as the loop sees it; fields other than the queues are the loop's. */
    private static final class Clock {
        long deadline = Long.MAX_VALUE;
        boolean failing;
        private volatile CountDownLatch expected = new CountDownLatch(0);
        final ConcurrentLinkedQueue<Long> firedAt = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();

        /**
         * While set, the second read of the deadline from now on (the one before the loop parks
         * again; the first follows the task that sets this) spins until this time.
         */
        long slowUntil;
        private int readsSinceSlow;

        long deadline() {
            if (slowUntil != 0 && ++readsSinceSlow == 2) {
                long until = slowUntil;
                slowUntil = 0;
                readsSinceSlow = 0;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            return deadline;
        }

        CountDownLatch expect() {
            CountDownLatch latch = new CountDownLatch(1);
            expected = latch;
            return latch;
        }

        void fire(long now) {
            if (now < deadline) {
                early.add(now + " < " + deadline);
            }
            firedAt.clear();
            firedAt.add(now);
            deadline = Long.MAX_VALUE;
            expected.countDown();
            if (failing) {
                throw new IllegalStateException("a bug in the timer");
            }
        }
    }
}
