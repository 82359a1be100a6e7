package dev.ssehub.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The few threads that write to every stream. A stream registers its drain once and gets a slot
 * number; marking it ready queues that number (a stream queued already is not queued again), and
 * an idle writer is woken only when there is one. Handing an event to ten thousand streams thus
 * costs ten thousand {@code int}s offered, no task objects and no thread hand-offs. Other work
 * (a replay's next page, a stream without a slot) is queued as a task.
 */
public final class WriterPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WriterPool.class.getName());
    private static final int RUNNING = 0;
    private static final int PARKED = 1;

    private final AtomicReferenceArray<Runnable> drains;
    /** A stack of the slots no stream holds; guarded by itself. */
    private final int[] freeSlots;
    private int free;
    /** Twice the slots: a slot reused while its last owner is still queued may be queued twice. */
    private final ReadyStreams ready;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread[] threads;
    private final AtomicIntegerArray states;
    private volatile boolean running = true;

    /** A pool with room for about a thousand registered streams; more are served as tasks. */
    public WriterPool(int size, String name) {
        this(size, name, 1024);
    }

    /** @param streams how many streams may hold a slot at once: the most a node keeps open */
    public WriterPool(int size, String name, int streams) {
        drains = new AtomicReferenceArray<>(streams);
        freeSlots = new int[streams];
        for (int slot = 0; slot < streams; slot++) {
            freeSlots[free++] = streams - 1 - slot;
        }
        ready = new ReadyStreams(Integer.highestOneBit(Math.max(1, streams) * 2 - 1) << 1);
        threads = new Thread[size];
        states = new AtomicIntegerArray(size);
        for (int i = 0; i < size; i++) {
            int index = i;
            threads[i] = new Thread(() -> work(index), name + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** @return the slot {@link #ready} takes for {@code drain}, or -1 when none is free */
    public int register(Runnable drain) {
        int slot;
        synchronized (freeSlots) {
            if (free == 0) {
                return -1;
            }
            slot = freeSlots[--free];
        }
        drains.set(slot, drain);
        return slot;
    }

    /** Gives the slot back; a writer that still finds it queued runs nothing, or its next owner's drain. */
    public void unregister(int slot) {
        if (slot < 0) {
            return;
        }
        drains.set(slot, null);
        synchronized (freeSlots) {
            freeSlots[free++] = slot;
        }
    }

    /** Runs the drain registered at {@code slot} on a writer soon; never blocks. */
    public void ready(int slot, Runnable drain) {
        checkRunning();
        if (slot < 0 || !ready.offer(slot)) {
            schedule(drain);
            return;
        }
        if (!running && !ready.isEmpty()) {
            // closed while offering: the writers may have left already, so the caller must run it
            throw new IllegalStateException("the writer pool is closed");
        }
        wakeOne();
    }

    /** Runs {@code task} on a writer thread soon; never blocks. */
    public void schedule(Runnable task) {
        checkRunning();
        tasks.add(task);
        if (!running && tasks.remove(task)) {
            throw new IllegalStateException("the writer pool is closed");
        }
        wakeOne();
    }

    /** Stops taking work; what is queued already is still run. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
    }

    private void checkRunning() {
        if (!running) {
            throw new IllegalStateException("the writer pool is closed");
        }
    }

    private void wakeOne() {
        for (int i = 0; i < threads.length; i++) {
            if (states.get(i) == PARKED && states.compareAndSet(i, PARKED, RUNNING)) {
                LockSupport.unpark(threads[i]);
                return;
            }
        }
    }

    private boolean hasWork() {
        return !ready.isEmpty() || !tasks.isEmpty();
    }

    private void work(int index) {
        // Work queued before the pool closed is still done: it may be a stream's close.
        while (running || hasWork()) {
            int slot = ready.poll();
            if (slot >= 0) {
                Runnable drain = drains.get(slot);
                if (drain != null) {
                    runSafely(drain);
                }
                continue;
            }
            Runnable task = tasks.poll();
            if (task != null) {
                runSafely(task);
                continue;
            }
            states.set(index, PARKED);
            // Checked again after saying we are parked: work queued in between would otherwise wait.
            if (!hasWork() && running) {
                LockSupport.park(this);
            }
            states.set(index, RUNNING);
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
