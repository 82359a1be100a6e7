package dev.ssehub.connection;

import java.util.List;

/**
 * The sending side of one subscriber's stream. Sending only queues encoded frames; the
 * implementation writes them when the client can take them, so a caller never waits on a socket,
 * and a caller never runs the container's code either: closing happens on a writer thread.
 */
public interface Emitter {

    /**
     * Queues a live frame. A client whose live backlog passes its buffer is closed instead.
     *
     * @return whether the frame was queued
     */
    boolean send(Frame frame);

    /**
     * Queues a page of what a reconnecting client missed, outside its live backlog (the caller
     * bounds the page), and runs {@code whenWritten} on a writer thread once the page and
     * everything queued before it has been written, so that the caller can fetch the next page.
     */
    void sendReplay(List<byte[]> frames, Runnable whenWritten);

    boolean isOpen();

    /** Ends the stream soon, on a writer thread; queued frames are discarded. */
    void close();
}
