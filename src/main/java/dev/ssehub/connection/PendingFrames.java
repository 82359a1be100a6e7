package dev.ssehub.connection;

/**
 * One stream's live frames not yet written, as positions in the {@link FrameRing}, oldest first,
 * and what they cost against its buffer. Positions are {@code long}s in an array that grows only
 * while the stream is behind: adding one stores no reference and, in the steady state, allocates
 * nothing. Held for a few instructions at a time by the hub and the stream's writer, never while
 * a socket is written.
 */
final class PendingFrames {

    private static final int INITIAL = 4;
    /** What an idle stream holds: most streams are idle most of the time. */
    private static final long[] NONE = {};
    /** Above this, an emptied array is given back, so that one burst does not pin a large one. */
    private static final int KEPT = 64;

    private long[] positions = NONE;
    private int first;
    private int count;
    private long backlog;

    /** @return the backlog with this frame */
    synchronized long add(long position, long cost) {
        if (count == positions.length) {
            grow();
        }
        positions[(first + count) & (positions.length - 1)] = position;
        count++;
        backlog += cost;
        return backlog;
    }

    /** @return the oldest position, or -1 when none is pending */
    synchronized long poll() {
        if (count == 0) {
            return -1;
        }
        long position = positions[first];
        first = (first + 1) & (positions.length - 1);
        if (--count == 0 && positions.length > KEPT) {
            positions = NONE;
            first = 0;
        }
        return position;
    }

    /** Takes a written frame's cost off the backlog. */
    synchronized void written(long cost) {
        backlog -= cost;
    }

    synchronized long backlog() {
        return backlog;
    }

    /** Forgets everything pending; @return how many frames that was */
    synchronized int clear() {
        int discarded = count;
        count = 0;
        first = 0;
        backlog = 0;
        return discarded;
    }

    private void grow() {
        long[] larger = new long[Math.max(INITIAL, positions.length * 2)];
        for (int i = 0; i < count; i++) {
            larger[i] = positions[(first + i) & (positions.length - 1)];
        }
        positions = larger;
        first = 0;
    }
}
