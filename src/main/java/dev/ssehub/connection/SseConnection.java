package dev.ssehub.connection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Owns one subscriber's {@link AsyncContext}: nothing else writes to its output stream or
 * completes it.
 *
 * <p>Frames are queued by any thread and written by one drainer at a time, on the hub's writer
 * threads, only while {@link ServletOutputStream#isReady()} says so; when it says no, the drainer
 * returns and the container's {@link #onWritePossible()} resumes it. No thread waits on a slow
 * client. Replayed pages are written before live frames and do not count against the buffer; live
 * frames do, with their queueing overhead, and a stream whose live backlog passes the buffer is
 * closed. Every way a stream can end (the client leaving, a failed write, a timeout, the buffer,
 * the hub) runs the same close, once, on a writer or container thread: never on a publisher's.
 */
public final class SseConnection implements Emitter, WriteListener, AsyncListener {

    private final AsyncContext async;
    private final WriterPool writers;
    private final LongConsumer publishToWriteNanos;
    private final Runnable scheduledDrain = this::runScheduledDrain;
    private final long bufferLimit;
    private final Queue<byte[]> replay = new ConcurrentLinkedQueue<>();
    private final Queue<Frame> live = new ConcurrentLinkedQueue<>();
    private final AtomicLong liveBacklog = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicReference<CloseReason> closing = new AtomicReference<>();
    private final Object writeLock = new Object();
    private volatile Runnable afterReplay;
    private volatile ServletOutputStream out;
    private boolean unflushed;
    private boolean finished;
    private CloseListener closeListener = (reason, discarded) -> { };

    /** @param publishToWriteNanos told, for each live frame written, how long ago it was published */
    public SseConnection(AsyncContext async, WriterPool writers, long bufferLimit, LongConsumer publishToWriteNanos) {
        this.async = async;
        this.writers = writers;
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
    }

    @Override
    public boolean send(Frame frame) {
        if (closing.get() != null) {
            return false;
        }
        live.add(frame);
        if (liveBacklog.addAndGet(frame.queuedCost()) > bufferLimit) {
            close(CloseReason.SLOW_CLIENT);
            return false;
        }
        scheduleDrain();
        return isOpen(); // false when the writers had stopped and the stream was closed instead
    }

    @Override
    public void sendReplay(List<byte[]> frames, Runnable whenWritten) {
        replay.addAll(frames);
        afterReplay = whenWritten;
        scheduleDrain();
    }

    @Override
    public boolean isOpen() {
        return closing.get() == null;
    }

    @Override
    public void close() {
        close(CloseReason.SERVER);
    }

    /** Live bytes queued and not yet written, with their overhead. */
    public long liveBacklog() {
        return liveBacklog.get();
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

    /** Asks a writer to close: the caller may be a publisher, which must not run the container's code. */
    private void close(CloseReason reason) {
        if (closing.compareAndSet(null, reason)) {
            drainScheduled.set(true);
            scheduleOrRun(scheduledDrain);
        }
    }

    /** Called by the container on its own thread, where completing is safe. */
    private void closeNow(CloseReason reason) {
        closing.compareAndSet(null, reason);
        finish();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            scheduleOrRun(scheduledDrain);
        }
    }

    private void scheduleOrRun(Runnable drain) {
        try {
            writers.schedule(drain);
        } catch (IllegalStateException shuttingDown) {
            closing.compareAndSet(null, CloseReason.SERVER);
            finish();
        }
    }

    private void runScheduledDrain() {
        drainScheduled.set(false);
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
            if (closing.get() != null) {
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
                    Frame frame = live.poll();
                    if (frame == null) {
                        flushIfWritten();
                        return due;
                    }
                    liveBacklog.addAndGet(-frame.queuedCost());
                    write(frame.bytes());
                    if (frame.publishedNanos() != 0) {
                        publishToWriteNanos.accept(System.nanoTime() - frame.publishedNanos());
                    }
                }
            } catch (IOException | RuntimeException writeFailed) {
                closing.compareAndSet(null, CloseReason.CLIENT_GONE);
                finish();
                return null;
            }
            return due;
        }
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
            discarded = live.size() + replay.size();
            live.clear();
            replay.clear();
            afterReplay = null;
        }
        try {
            closeListener.closed(closing.get(), discarded);
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
