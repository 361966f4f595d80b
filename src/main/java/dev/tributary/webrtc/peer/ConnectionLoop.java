package dev.tributary.webrtc.peer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one thread of control of a peer connection: a virtual thread draining a mailbox of tasks
 * and firing the connection's timer. Everything that touches the connection's protocol state
 * (ICE agent, SRTP contexts, routing tables) runs here, one task at a time, so none of it needs a
 * lock.
 */
final class ConnectionLoop {

    /** Live loop threads in this process, for leak tests. */
    static final AtomicInteger LIVE_THREADS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(ConnectionLoop.class.getName());

    private final LinkedBlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
    private final LongSupplier nextDeadline;
    private final LongConsumer onDeadline;
    private final Thread thread;
    private volatile boolean stopped;

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
        mailbox.add(task);
        if (stopped && mailbox.remove(task)) {
            drop(task);
        }
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
        mailbox.add(() -> {});
    }

    /** Waits for the loop thread to end; does nothing on the loop thread itself. */
    void join() throws InterruptedException {
        if (!inLoop()) {
            thread.join();
        }
    }

    private void run() {
        try {
            while (!stopped) {
                long deadline = nextDeadline.getAsLong();
                long now = System.nanoTime();
                Runnable task;
                if (deadline <= now) {
                    task = mailbox.poll();
                } else if (deadline == Long.MAX_VALUE) {
                    task = mailbox.take();
                } else {
                    task = mailbox.poll(deadline - now, TimeUnit.NANOSECONDS);
                }
                if (task != null) {
                    if (stopped) {
                        drop(task);
                    } else {
                        runGuarded(task);
                    }
                }
                if (!stopped) {
                    now = System.nanoTime();
                    if (nextDeadline.getAsLong() <= now) {
                        long due = now;
                        runGuarded(() -> onDeadline.accept(due));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            failPending();
            LIVE_THREADS.decrementAndGet();
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
