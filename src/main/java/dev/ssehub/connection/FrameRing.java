package dev.ssehub.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The node's live frames, oldest first, shared by every stream. An event is encoded once and
 * appended here once; each recipient is handed only its position, a {@code long}, so a delivery
 * stores no reference and allocates nothing (on G1 every reference stored into a long-lived
 * object costs a dirty card, which is what a queue of frames per stream paid for each delivery).
 *
 * <p>The ring keeps at most {@code capacity} frames and about {@code byteBudget} bytes of them; a
 * stream whose oldest pending position has been dropped is too far behind and is closed, as one
 * past its buffer is. One appender at a time (the hub appends in its sequence); any number of
 * readers, who get {@code null} for a position no longer held.
 */
public final class FrameRing {

    private static final VarHandle FRAMES = MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final VarHandle PUBLISHED = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final long byteBudget;
    private final byte[][] frames;
    private final long[] publishedNanos;
    /** The oldest position held; advanced before its slot is reused, so a reader can tell. */
    private volatile long oldest;
    /** The appender's own: the next position and the bytes held. */
    private long next;
    private long bytes;

    /** @param capacity a power of two: how many frames are held at most */
    public FrameRing(int capacity, long byteBudget) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("the ring's capacity must be a power of two, not " + capacity);
        }
        this.mask = capacity - 1;
        this.byteBudget = byteBudget;
        this.frames = new byte[capacity][];
        this.publishedNanos = new long[capacity];
    }

    /**
     * @param publishedAt {@link System#nanoTime()} when the event was published, or 0 for a
     *     signal that is left out of the latency figures
     * @return the frame's position
     */
    public long append(byte[] frame, long publishedAt) {
        long position = next;
        while (position - oldest > mask || (bytes + frame.length > byteBudget && oldest < position)) {
            dropOldest();
        }
        int slot = slot(position);
        PUBLISHED.setRelease(publishedNanos, slot, publishedAt);
        FRAMES.setRelease(frames, slot, frame);
        bytes += frame.length;
        next = position + 1;
        return position;
    }

    /** The frame at {@code position}, or {@code null} when the ring has dropped it. */
    public byte[] frame(long position) {
        byte[] frame = (byte[]) FRAMES.getAcquire(frames, slot(position));
        // read after the slot: a frame that replaced this one was written after oldest moved past it
        return position >= oldest ? frame : null;
    }

    /** When the frame at {@code position} was published; meaningful only while {@link #frame} returns it. */
    public long publishedNanos(long position) {
        return (long) PUBLISHED.getAcquire(publishedNanos, slot(position));
    }

    /** The frame at {@code position} with its publishing time, for emitters that keep frames themselves. */
    public Frame frameAt(long position) {
        long published = publishedNanos(position);
        byte[] frame = frame(position);
        return frame == null ? null : new Frame(frame, published);
    }

    private void dropOldest() {
        long dropped = oldest;
        int slot = slot(dropped);
        bytes -= ((byte[]) FRAMES.get(frames, slot)).length;
        oldest = dropped + 1;
        FRAMES.setRelease(frames, slot, (byte[]) null); // the bytes need not live until the slot is reused
    }

    private int slot(long position) {
        return (int) position & mask;
    }
}
