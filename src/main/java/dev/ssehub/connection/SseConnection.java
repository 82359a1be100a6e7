package dev.ssehub.connection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

/**
 * Owns one subscriber's {@link AsyncContext}: nothing else writes to its output stream or
 * completes it.
 *
 * <p>Live frames are queued as positions in the node's {@link FrameRing} and written by one
 * drainer at a time, on the hub's writer threads, only while {@link ServletOutputStream#isReady()}
 * says so; when it says no, the drainer returns and the container's {@link #onWritePossible()}
 * resumes it. No thread waits on a slow client, and a delivery allocates nothing: it adds a
 * {@code long} to this stream's pending positions and, when the stream was idle, offers its slot
 * number to the writers.
 *
 * <p>Replayed pages are written first and do not count against the buffer; live frames do, with
 * their queueing overhead, and a stream whose live backlog passes the buffer is closed, as is one
 * whose oldest pending frame the ring no longer holds. Every way a stream can end (the client
 * leaving, a failed write, a timeout, the buffer, the hub) runs the same close, once, on a writer
 * or container thread: never on a publisher's.
 */
public final class SseConnection implements Emitter, WriteListener, AsyncListener {

    private static final int WROTE = 0;
    private static final int NOTHING_DUE = 1;
    private static final int FELL_BEHIND = 2;
    private static final VarHandle CLOSING;
    private static final VarHandle DRAIN_SCHEDULED;
    private static final VarHandle HEARTBEAT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSING = lookup.findVarHandle(SseConnection.class, "closing", CloseReason.class);
            DRAIN_SCHEDULED = lookup.findVarHandle(SseConnection.class, "drainScheduled", boolean.class);
            HEARTBEAT = lookup.findVarHandle(SseConnection.class, "heartbeat", byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AsyncContext async;
    private final WriterPool writers;
    private final FrameRing ring;
    private final LongConsumer publishToWriteNanos;
    private final Runnable scheduledDrain = this::runScheduledDrain;
    private final long bufferLimit;
    private final PendingFrames pending = new PendingFrames();
    /** Replayed pages, and the rare frames for this stream alone (warnings): written before live frames. */
    private final Queue<byte[]> replay = new ConcurrentLinkedQueue<>();
    private final Object writeLock = new Object();
    @SuppressWarnings("unused") // through CLOSING
    private volatile CloseReason closing;
    @SuppressWarnings("unused") // through DRAIN_SCHEDULED
    private volatile boolean drainScheduled;
    /** The heartbeat asked for and not written yet: one however many are asked for. */
    @SuppressWarnings("unused") // through HEARTBEAT
    private volatile byte[] heartbeat;
    private volatile Runnable afterReplay;
    private volatile ServletOutputStream out;
    /** The writers' slot for {@link #scheduledDrain}, or -1 while it has none. */
    private volatile int slot = -1;
    /** Set by {@link #end}: the next drain that finds nothing left to write closes the stream. */
    private volatile boolean ending;
    private boolean unflushed;
    private boolean finished;
    private CloseListener closeListener = (reason, discarded) -> { };

    /**
     * @param ring where the hub keeps the live frames that {@link #deliver} is given positions in
     * @param publishToWriteNanos told, for each live frame written, how long ago it was published
     */
    public SseConnection(AsyncContext async, WriterPool writers, FrameRing ring, long bufferLimit,
            LongConsumer publishToWriteNanos) {
        this.async = async;
        this.writers = writers;
        this.ring = ring;
        this.bufferLimit = bufferLimit;
        this.publishToWriteNanos = publishToWriteNanos;
    }

    /** Starts writing; call once, on the request's thread, after the response headers are set. */
    public void start(CloseListener listener) throws IOException {
        this.closeListener = listener;
        async.setTimeout(0);
        async.addListener(this);
        ServletOutputStream stream = async.getResponse().getOutputStream();
        out = stream;
        stream.setWriteListener(this);
        slot = writers.register(scheduledDrain); // last: a start that failed holds no slot
    }

    @Override
    public boolean deliver(FrameRing from, long position) {
        if (CLOSING.getVolatile(this) != null) {
            return false;
        }
        byte[] frame = from.frame(position);
        if (frame == null || pending.add(position, queuedCost(frame)) > bufferLimit) {
            close(CloseReason.SLOW_CLIENT);
            return false;
        }
        scheduleDrain();
        return isOpen(); // false when the writers had stopped and the stream was closed instead
    }

    @Override
    public boolean send(Frame frame) {
        if (CLOSING.getVolatile(this) != null) {
            return false;
        }
        replay.add(frame.bytes()); // ahead of live frames and outside the buffer, as a replayed page is
        scheduleDrain();
        return isOpen();
    }

    @Override
    public void sendHeartbeat(Frame frame) {
        if (CLOSING.getVolatile(this) == null) {
            HEARTBEAT.setVolatile(this, frame.bytes());
            scheduleDrain();
        }
    }

    @Override
    public void sendReplay(List<byte[]> frames, Runnable whenWritten) {
        replay.addAll(frames);
        afterReplay = whenWritten;
        scheduleDrain();
    }

    @Override
    public boolean isOpen() {
        return CLOSING.getVolatile(this) == null;
    }

    @Override
    public void end() {
        if (CLOSING.getVolatile(this) == null) {
            ending = true; // before the drain is asked for: the drain must see it
            scheduleDrain();
        }
    }

    @Override
    public void close() {
        close(CloseReason.SERVER);
    }

    /** Live bytes queued and not yet written, with their overhead. */
    public long liveBacklog() {
        return pending.backlog();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        closeNow(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closeNow(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        closeNow(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onError(AsyncEvent event) {
        closeNow(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the stream is started once and never re-dispatched
    }

    private static long queuedCost(byte[] frame) {
        return frame.length + Frame.QUEUED_OVERHEAD_BYTES;
    }

    /** Asks a writer to close: the caller may be a publisher, which must not run the container's code. */
    private void close(CloseReason reason) {
        if (CLOSING.compareAndSet(this, null, reason)) {
            DRAIN_SCHEDULED.setVolatile(this, true);
            try {
                writers.schedule(scheduledDrain); // a task, not the slot: the slot may be queued already
            } catch (IllegalStateException shuttingDown) {
                finish();
            }
        }
    }

    /** Called by the container on its own thread, where completing is safe. */
    private void closeNow(CloseReason reason) {
        CLOSING.compareAndSet(this, null, reason);
        finish();
    }

    private void scheduleDrain() {
        if (!(boolean) DRAIN_SCHEDULED.getVolatile(this) && DRAIN_SCHEDULED.compareAndSet(this, false, true)) {
            try {
                writers.ready(slot, scheduledDrain);
            } catch (IllegalStateException shuttingDown) {
                CLOSING.compareAndSet(this, null, CloseReason.SERVER);
                finish();
            }
        }
    }

    private void runScheduledDrain() {
        DRAIN_SCHEDULED.setVolatile(this, false);
        drain();
    }

    /**
     * Writes until the client is full or nothing is left; a replay continuation that falls due is
     * handed to a writer, since this may be the container's thread (from onWritePossible).
     */
    private void drain() {
        Runnable nextPage = writeQueued();
        if (nextPage != null) {
            try {
                writers.schedule(nextPage);
            } catch (IllegalStateException shuttingDown) {
                close(CloseReason.SERVER);
            }
        }
    }

    /** @return the replay continuation to run once the last page is written, or {@code null} */
    private Runnable writeQueued() {
        synchronized (writeLock) {
            if (CLOSING.getVolatile(this) != null) {
                finish();
                return null;
            }
            if (out == null) {
                return null;
            }
            Runnable due = null;
            try {
                while (out.isReady()) {
                    byte[] replayed = replay.poll();
                    if (replayed != null) {
                        write(replayed);
                        continue;
                    }
                    Runnable continuation = afterReplay;
                    // Read before the emptiness check: a page is queued before its continuation is
                    // set, so a continuation seen with nothing left to write is truly due.
                    if (continuation != null && replay.isEmpty()) {
                        // the page is out; until the next one comes, write what else is queued
                        due = continuation;
                        afterReplay = null;
                    }
                    int wrote = writeNextLive();
                    if (wrote == NOTHING_DUE) {
                        flushIfWritten();
                        // ended only once the flush is out too: else onWritePossible comes back here
                        if (ending && out.isReady()) {
                            CLOSING.compareAndSet(this, null, CloseReason.ENDED);
                            finish();
                            return null;
                        }
                        return due;
                    }
                    if (wrote == FELL_BEHIND) {
                        // so far behind that the ring let its frame go: as good as past its buffer
                        CLOSING.compareAndSet(this, null, CloseReason.SLOW_CLIENT);
                        finish();
                        return null;
                    }
                }
            } catch (IOException | RuntimeException writeFailed) {
                CLOSING.compareAndSet(this, null, CloseReason.CLIENT_GONE);
                finish();
                return null;
            }
            return due;
        }
    }

    /** Writes one live frame, or else the heartbeat; @return what it did */
    private int writeNextLive() throws IOException {
        long position = pending.poll();
        if (position < 0) {
            byte[] beat = (byte[]) HEARTBEAT.getAndSet(this, (byte[]) null);
            if (beat == null) {
                return NOTHING_DUE;
            }
            write(beat);
            return WROTE;
        }
        byte[] frame = ring.frame(position);
        if (frame == null) {
            return FELL_BEHIND;
        }
        long published = ring.publishedNanos(position);
        pending.written(queuedCost(frame));
        write(frame);
        if (published != 0) {
            publishToWriteNanos.accept(System.nanoTime() - published);
        }
        return WROTE;
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        unflushed = true;
    }

    /**
     * One flush after a run of writes: the frames that queued up leave together. Whether it
     * completes at once is asked by the next drain; asking now would cost every delivery one
     * more isReady().
     */
    private void flushIfWritten() throws IOException {
        if (unflushed) {
            unflushed = false;
            out.flush();
        }
    }

    private void finish() {
        int discarded;
        synchronized (writeLock) {
            if (finished) {
                return;
            }
            finished = true;
            discarded = pending.clear() + replay.size();
            replay.clear();
            afterReplay = null;
            HEARTBEAT.setVolatile(this, (byte[]) null);
        }
        int held = slot;
        slot = -1; // a delivery still under way is run as a task, not by the slot's next owner
        writers.unregister(held);
        try {
            closeListener.closed((CloseReason) CLOSING.getVolatile(this), discarded);
        } finally {
            synchronized (writeLock) {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyCompleted) {
                    // the container ended the request first; nothing left to do
                }
            }
        }
    }
}
