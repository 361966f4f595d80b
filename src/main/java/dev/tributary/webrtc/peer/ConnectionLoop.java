package dev.tributary.webrtc.peer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one thread of control of a peer connection: a virtual thread draining a mailbox of tasks
 * and firing the connection's timer. Everything that touches the connection's protocol state
 * (ICE agent, SRTP contexts, routing tables) runs here, one task at a time, so none of it needs a
 * lock.
 *
 * <p>Every datagram the connection receives is a task, so the hand-off is built to cost little
 * per task. The mailbox is a lock-free queue. The loop runs every queued task before it parks,
 * and only a loop that has said it is parking ({@code parked}) is unparked, by one of the
 * threads that queue tasks: the datagrams of a burst that arrive while the loop is awake or
 * waking cost no wake-up. The wake-up cannot be lost: the producer queues then reads
 * {@code parked}; the loop writes {@code parked} then looks at the mailbox again before it
 * parks; with both volatile, at least one of the two sees the other.
 *
 * <p>The connection's timer does not make the loop park with a timeout: a virtual thread's
 * timed park schedules a timeout with the JDK's scheduler and cancels it when a task comes
 * first, which is two hand-offs to the scheduler's thread for every datagram. The deadline moves
 * a few times a second (a report or feedback interval), not per datagram, so the loop arms a
 * shared timer thread only when the deadline is earlier than the one armed, and parks without a
 * timeout; the timer's task only marks the deadline due and unparks the loop, by the same
 * protocol as a task. A timer armed for a deadline that has since moved later fires early and
 * costs one extra turn of the loop.
 */
final class ConnectionLoop {

    /** Live loop threads in this process, for leak tests. */
    static final AtomicInteger LIVE_THREADS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(ConnectionLoop.class.getName());
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(ConnectionLoop.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final LongSupplier nextDeadline;
    private final LongConsumer onDeadline;
    private final Thread thread;
    private volatile boolean stopped;
    /** Set by the loop before it parks, cleared by whoever unparks it (or the loop on waking). */
    @SuppressWarnings("unused") // through PARKED
    private volatile boolean parked;
    /** Set by the timer when the deadline it was armed for has come. */
    private volatile boolean timerDue;
    // the loop thread's own
    private Future<?> armed;
    private long armedDeadline = Long.MAX_VALUE;

    /**
     * @param name the thread's name
     * @param nextDeadline the connection's next timer deadline ({@code System.nanoTime()} scale),
     *     or {@code Long.MAX_VALUE}; read on the loop thread after every task
     * @param onDeadline called on the loop thread with the current time once the deadline is due
     */
    ConnectionLoop(String name, LongSupplier nextDeadline, LongConsumer onDeadline) {
        this.nextDeadline = nextDeadline;
        this.onDeadline = onDeadline;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    void start() {
        LIVE_THREADS.incrementAndGet();
        thread.start();
    }

    /** Whether the caller is the loop thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Queues a task; after {@link #stop()} it is dropped. */
    void execute(Runnable task) {
        if (stopped) {
            drop(task);
            return;
        }
        mailbox.offer(task);
        if (stopped && mailbox.remove(task)) {
            drop(task);
            return;
        }
        wake();
    }

    /**
     * Runs the task on the loop and waits for its result; runs it at once when called from the
     * loop itself (a callback calling back into the connection).
     *
     * @throws ConnectionClosedException if the loop stopped before the task ran
     */
    <T> T call(Supplier<T> task) {
        if (inLoop()) {
            return task.get();
        }
        CallTask<T> call = new CallTask<>(task);
        execute(call);
        CompletableFuture<T> result = call.result;
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Stops the loop after the task running now: queued tasks are dropped (their callers get
     * {@link ConnectionClosedException}). Idempotent; callable from any thread, the loop included.
     */
    void stop() {
        stopped = true;
        wake();
    }

    /** Waits for the loop thread to end; does nothing on the loop thread itself. */
    void join() throws InterruptedException {
        if (!inLoop()) {
            thread.join();
        }
    }

    /** Unparks the loop if it is parked or about to park; see the class comment. */
    private void wake() {
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        try {
            while (!stopped) {
                if (timerDue) {
                    // Before the deadline is read: a timer firing after this is seen by park.
                    timerDue = false;
                }
                Runnable task = mailbox.poll();
                if (task != null) {
                    if (stopped) {
                        drop(task);
                        break;
                    }
                    runGuarded(task);
                }
                if (stopped) {
                    break;
                }
                long now = System.nanoTime();
                long deadline = nextDeadline.getAsLong();
                if (deadline <= now) {
                    fireDeadline(now);
                } else if (task == null) {
                    park(now, deadline);
                }
            }
        } finally {
            stopped = true;
            if (armed != null) {
                armed.cancel(false);
            }
            failPending();
            LIVE_THREADS.decrementAndGet();
        }
    }

    /** Parks until a task, {@link #stop()} or the deadline; returns at once if one is there. */
    private void park(long now, long deadline) {
        if (deadline != Long.MAX_VALUE && (deadline < armedDeadline || armedDeadline <= now)) {
            if (armed != null) {
                armed.cancel(false);
            }
            armedDeadline = deadline;
            armed = Timer.EXECUTOR.schedule(this::timerFired, deadline - now, TimeUnit.NANOSECONDS);
        }
        parked = true;
        if (mailbox.isEmpty() && !stopped && !timerDue) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                // Nothing here interrupts the loop; if someone does, end it as a closed
                // connection rather than spin on a park that returns at once.
                stopped = true;
            }
        }
        parked = false;
    }

    private void timerFired() {
        timerDue = true;
        wake();
    }

    private void fireDeadline(long now) {
        try {
            onDeadline.accept(now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a peer connection timer failed", e);
        }
    }

    /** A bug in one task (or in an application callback it runs) must not stop the connection. */
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a peer connection task failed", e);
        }
    }

    private void failPending() {
        for (Runnable task = mailbox.poll(); task != null; task = mailbox.poll()) {
            drop(task);
        }
    }

    private static void drop(Runnable task) {
        if (task instanceof CallTask<?> call) {
            call.result.completeExceptionally(new ConnectionClosedException("the peer connection is closed"));
        }
    }

    /**
     * The timer thread shared by every loop, started with the first. Its tasks only unpark a
     * loop. Cancelled timers are removed at once, so that a closed connection is not kept
     * reachable until its last deadline.
     */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("peer-connection-timer").factory());

        static {
            EXECUTOR.setRemoveOnCancelPolicy(true);
        }
    }

    /** A task whose caller waits for its result. */
    private static final class CallTask<T> implements Runnable {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Supplier<T> task;

        CallTask(Supplier<T> task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }
}
