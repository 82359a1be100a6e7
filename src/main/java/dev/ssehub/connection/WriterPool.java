package dev.ssehub.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The few threads that write to every stream. A connection with frames to write is queued once
 * (a connection queued already is not queued again), and an idle writer is woken only when there
 * is one: handing an event to ten thousand streams costs ten thousand queue offers, not ten
 * thousand task objects and thread hand-offs.
 */
public final class WriterPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WriterPool.class.getName());

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> idle = new ConcurrentLinkedQueue<>();
    private final Thread[] threads;
    private volatile boolean running = true;

    public WriterPool(int size, String name) {
        threads = new Thread[size];
        for (int i = 0; i < size; i++) {
            threads[i] = new Thread(this::work, name + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Runs {@code drain} on a writer thread soon; never blocks. */
    public void schedule(Runnable drain) {
        if (!running) {
            throw new IllegalStateException("the writer pool is closed");
        }
        pending.add(drain);
        if (!running && pending.remove(drain)) {
            // closed while adding: the writers may have left already, so the caller must run it
            throw new IllegalStateException("the writer pool is closed");
        }
        Thread sleeper = idle.poll();
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    /** Stops taking work; what is queued already is still run. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
    }

    private void work() {
        Thread me = Thread.currentThread();
        // Work queued before the pool closed is still done: it may be a stream's close.
        while (running || !pending.isEmpty()) {
            Runnable drain = pending.poll();
            if (drain != null) {
                runSafely(drain);
                continue;
            }
            idle.add(me);
            // Checked again after saying we are idle: work queued in between would otherwise wait.
            if (pending.isEmpty() && running) {
                LockSupport.park(this);
            }
            idle.remove(me);
        }
    }

    private static void runSafely(Runnable drain) {
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            // a writer that died here would take every stream it serves with it
            LOG.log(Level.SEVERE, "a stream's writer failed", e);
        }
    }
}
