package dev.ssehub.history;

import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;

/**
 * Gives events their hub-wide, strictly increasing ids and keeps a bounded history of them for
 * replay. The hub serialises {@link #append} with its own fan-out, so that ids reach every
 * connection in order; reads may come from any thread at any time.
 */
public interface EventLog {

    /** Stores {@code publication} under the next id, and returns it as stored. */
    LoggedEvent append(Publication publication);

    /**
     * A bounded read of what follows {@code after}.
     *
     * @param after the last id the reader has, or {@code null} to read from the oldest kept event
     *     (and then no gap is reported)
     * @param maxEvents at most this many events
     * @param maxBytes at most about this many bytes of frames; at least one event is returned when
     *     there is one, however large
     */
    Replay read(EventId after, int maxEvents, long maxBytes);

    /** Drops what is older than the time to live. */
    void expire();

    int size();

    /** The oldest id kept, or {@code null} when nothing is. */
    EventId oldestId();

    /** Encoded bytes of the events kept. */
    long bytes();
}
