package dev.ssehub.history;

import java.util.List;

/**
 * One bounded read of the history: what follows the asked-for id, oldest first.
 *
 * @param gap true when the history cannot prove that nothing was lost before {@code events}: the
 *     asked-for id is older than what is kept, from another epoch, or was never issued
 * @param oldestId the oldest id still kept, or {@code null} when the history is empty
 * @param events up to the asked-for number of events, oldest first
 * @param more whether the history held more events after these than the read could return
 */
public record Replay(boolean gap, String oldestId, List<LoggedEvent> events, boolean more) {

    public LoggedEvent last() {
        return events.get(events.size() - 1);
    }
}
