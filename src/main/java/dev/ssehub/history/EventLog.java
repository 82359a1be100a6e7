package dev.ssehub.history;

import dev.ssehub.protocol.EventId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Gives events their hub-wide, strictly increasing ids and keeps a bounded history of them for
 * replay. Callers serialise {@link #append} with their own fan-out, so that ids reach every
 * connection in order.
 */
public interface EventLog {

    /**
     * Issues the next id, encodes the event with it and keeps it.
     *
     * @param encoder turns the new id into the event's frame
     */
    LoggedEvent append(List<String> topics, boolean privateEvent, Set<String> users,
            Function<EventId, byte[]> encoder);

    /** What a client that last saw {@code lastEventId} has missed; {@link Replay#NONE} for null. */
    Replay replayAfter(String lastEventId);

    /** Drops what is older than the time to live. */
    void expire();

    int size();
}
