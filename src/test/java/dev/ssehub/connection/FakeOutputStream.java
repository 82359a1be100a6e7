package dev.ssehub.connection;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's socket as a servlet container shows it: writable, or full until the container says
 * otherwise. Like a container it refuses a write while not ready, and it fails the next write when
 * told to.
 */
final class FakeOutputStream extends ServletOutputStream {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<String> operations = new ArrayList<>();
    private final AtomicInteger notReadyAnswers = new AtomicInteger();
    private final AtomicInteger writersInside = new AtomicInteger();
    private volatile boolean ready = true;
    private volatile boolean overlappingWrites;
    private volatile Exception nextWriteFailure;
    private volatile WriteListener writeListener;

    /** The socket's buffer is full: isReady() says no until {@link #becomeWritable()}. */
    void fill() {
        ready = false;
    }

    /** The socket drained: as a container would, tell the write listener, on this thread. */
    void becomeWritable() {
        ready = true;
        try {
            writeListener.onWritePossible();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next write throws {@code failure}: an {@link IOException} or a {@link RuntimeException}. */
    void failNextWriteWith(Exception failure) {
        nextWriteFailure = failure;
    }

    int notReadyAnswers() {
        return notReadyAnswers.get();
    }

    boolean sawOverlappingWrites() {
        return overlappingWrites;
    }

    WriteListener writeListener() {
        return writeListener;
    }

    synchronized byte[] bytes() {
        return written.toByteArray();
    }

    synchronized int size() {
        return written.size();
    }

    synchronized String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    /** "write N" and "flush", in the order they came. */
    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public boolean isReady() {
        boolean answer = ready;
        if (!answer) {
            notReadyAnswers.incrementAndGet();
        }
        return answer;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        writeListener = listener;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (writersInside.incrementAndGet() > 1) {
            overlappingWrites = true;
        }
        try {
            failIfTold();
            refuseUnlessReady();
            synchronized (this) {
                written.write(bytes, offset, length);
                operations.add("write " + length);
            }
        } finally {
            writersInside.decrementAndGet();
        }
    }

    @Override
    public void flush() throws IOException {
        refuseUnlessReady();
        synchronized (this) {
            operations.add("flush");
        }
    }

    private void refuseUnlessReady() {
        if (!ready) {
            throw new IllegalStateException("written to while not ready");
        }
    }

    private void failIfTold() throws IOException {
        Exception failure = nextWriteFailure;
        if (failure == null) {
            return;
        }
        nextWriteFailure = null;
        if (failure instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) failure;
    }
}
