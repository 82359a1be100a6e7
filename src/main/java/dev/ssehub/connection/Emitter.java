package dev.ssehub.connection;

import java.util.List;

/**
 * The sending side of one subscriber's stream. Sending only queues encoded frames; the
 * implementation writes them when the client can take them, so a caller never waits on a socket.
 */
public interface Emitter {

    /**
     * Queues a live frame. A client that falls more than its buffer behind is closed instead.
     *
     * @return whether the frame was queued
     */
    boolean send(Frame frame);

    /** Queues what a reconnecting client missed; it does not count against the buffer limit. */
    void sendReplay(List<byte[]> frames);

    boolean isOpen();

    void close();
}
