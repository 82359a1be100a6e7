package dev.ssehub.history;

import dev.ssehub.protocol.EventId;
import java.util.List;
import java.util.Set;

/**
 * An event as the hub keeps it: its id, who may see it, and its frame, encoded once and shared
 * by every live delivery and every replay.
 *
 * @param privateEvent only subscribers whose rights cover one of its topics may see it
 * @param users when not empty, only connections authenticated as one of these subjects may see it
 */
public record LoggedEvent(EventId id, List<String> topics, boolean privateEvent, Set<String> users,
        byte[] frame, long loggedAtMillis) {
}
