package dev.ssehub.connection;

/**
 * Encoded bytes on their way to streams. One frame object serves every live recipient of an event.
 *
 * @param publishedNanos {@link System#nanoTime()} at publishing, or 0 for frames that were not
 *     published live (openings, heartbeats, replays): they are left out of the latency figures
 */
public record Frame(byte[] bytes, long publishedNanos) {

    /**
     * What a queued frame costs besides its bytes: the queue's node and the frame object. Counted
     * so that a stream of tiny frames is bounded as surely as one of large ones.
     */
    public static final int QUEUED_OVERHEAD_BYTES = 64;

    public static Frame unpublished(byte[] bytes) {
        return new Frame(bytes, 0);
    }

    long queuedCost() {
        return bytes.length + QUEUED_OVERHEAD_BYTES;
    }
}
