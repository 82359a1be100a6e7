package dev.ssehub.connection;

/**
 * Encoded bytes on their way to streams, with when they were published. One frame object serves
 * every recipient of an event.
 *
 * @param publishedNanos {@link System#nanoTime()} at publishing, or 0 for frames that were not
 *     published live (openings, heartbeats, replays): they are left out of the latency figures
 */
public record Frame(byte[] bytes, long publishedNanos) {

    public static Frame unpublished(byte[] bytes) {
        return new Frame(bytes, 0);
    }
}
