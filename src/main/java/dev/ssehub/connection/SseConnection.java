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
import java.util.function.LongConsumer;

/**
 * Owns one subscriber's {@link AsyncContext}: nothing else writes to its output stream or
 * completes it.
 *
 * <p>Frames are queued by any thread and written by one drainer at a time, only while
 * {@link ServletOutputStream#isReady()} says so; when it says no, the drainer returns and the
 * container's {@link #onWritePossible()} resumes it. No thread waits on a slow client, and a
 * client more than {@code bufferLimit} bytes behind is closed. Every way a stream can end (the
 * client leaving, a failed write, a timeout, the hub) runs the same close, once.
 */
public final class SseConnection implements Emitter, WriteListener, AsyncListener {

    private final AsyncContext async;
    private final WriterPool writers;
    private final LongConsumer publishToWriteNanos;
    private final Runnable scheduledDrain = this::runScheduledDrain;
    private final long bufferLimit;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Replayed bytes may exceed the live limit: they are shared with the history anyway. */
    private final AtomicLong replayAllowance = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    private ServletOutputStream out;
    private boolean unflushed;
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
        out = async.getResponse().getOutputStream();
        out.setWriteListener(this);
    }

    @Override
    public boolean send(Frame frame) {
        if (closed.get()) {
            return false;
        }
        queue.add(frame);
        if (queuedBytes.addAndGet(frame.bytes().length) > bufferLimit + replayAllowance.get()) {
            close(CloseReason.SLOW_CLIENT);
            return false;
        }
        scheduleDrain();
        return true;
    }

    @Override
    public void sendReplay(List<byte[]> frames) {
        long bytes = 0;
        for (byte[] frame : frames) {
            bytes += frame.length;
        }
        replayAllowance.addAndGet(bytes);
        queuedBytes.addAndGet(bytes);
        for (byte[] frame : frames) {
            queue.add(Frame.unpublished(frame));
        }
        scheduleDrain();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        close(CloseReason.SERVER);
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        close(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onError(AsyncEvent event) {
        close(CloseReason.CLIENT_GONE);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the stream is started once and never re-dispatched
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                writers.schedule(scheduledDrain);
            } catch (IllegalStateException shuttingDown) {
                close(CloseReason.SERVER);
            }
        }
    }

    private void runScheduledDrain() {
        drainScheduled.set(false);
        drain();
    }

    private void drain() {
        synchronized (writeLock) {
            if (closed.get() || out == null) {
                return;
            }
            try {
                while (out.isReady()) {
                    Frame frame = queue.poll();
                    if (frame == null) {
                        if (unflushed) {
                            // One flush after a run of writes: the frames that queued up leave
                            // together. Whether it completes at once is asked by the next drain;
                            // asking now would cost every delivery one more isReady().
                            unflushed = false;
                            out.flush();
                        }
                        return;
                    }
                    queuedBytes.addAndGet(-frame.bytes().length);
                    out.write(frame.bytes());
                    unflushed = true;
                    if (frame.publishedNanos() != 0) {
                        publishToWriteNanos.accept(System.nanoTime() - frame.publishedNanos());
                    }
                }
            } catch (IOException | RuntimeException writeFailed) {
                close(CloseReason.CLIENT_GONE);
            }
        }
    }

    private void close(CloseReason reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int discarded = queue.size();
        queue.clear();
        try {
            closeListener.closed(reason, discarded);
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
