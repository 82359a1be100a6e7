package dev.ssehub.history;

import java.util.List;

/**
 * What a reconnecting client missed.
 *
 * @param gap true when the history cannot prove that nothing was lost: the asked-for id is older
 *     than what is kept, from another epoch, or was never issued
 * @param oldestId the oldest id still kept, or {@code null} when the history is empty
 * @param events the kept events after the asked-for id (all of them after a gap), oldest first
 */
public record Replay(boolean gap, String oldestId, List<LoggedEvent> events) {

    public static final Replay NONE = new Replay(false, null, List.of());
}
