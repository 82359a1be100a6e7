package dev.ssehub.connection;

import java.util.List;

/**
 * The sending side of one subscriber's stream. Sending only queues encoded frames; the
 * implementation writes them when the client can take them, so a caller never waits on a socket,
 * and a caller never runs the container's code either: closing happens on a writer thread.
 */
public interface Emitter {

    /**
     * Queues the live frame the node's ring holds at {@code position}, after those queued before.
     * One caller at a time, in increasing positions: the hub delivers in its sequence. A client
     * whose live backlog passes its buffer is closed instead.
     *
     * @return whether the frame was queued
     */
    default boolean deliver(FrameRing ring, long position) {
        return send(ring.frameAt(position));
    }

    /**
     * Queues a frame for this stream alone (a warning meant for it), outside the ring; it may
     * overtake live frames queued before it.
     *
     * @return whether the frame was queued
     */
    boolean send(Frame frame);

    /**
     * Asks for a heartbeat to be written once nothing else is ahead of it; heartbeats asked for
     * while one is still pending make one.
     */
    default void sendHeartbeat(Frame heartbeat) {
        send(heartbeat);
    }

    /**
     * Queues a page of what a reconnecting client missed, outside its live backlog (the caller
     * bounds the page), and runs {@code whenWritten} on a writer thread once the page and
     * everything queued before it has been written, so that the caller can fetch the next page.
     */
    void sendReplay(List<byte[]> frames, Runnable whenWritten);

    boolean isOpen();

    /** Ends the stream soon, on a writer thread; queued frames are discarded. */
    void close();

    /**
     * Ends the stream once what is queued for it has been written, so that its client resumes
     * right after the last of it; frames queued meanwhile are written too.
     */
    default void end() {
        close();
    }
}
