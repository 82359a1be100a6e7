package dev.ssehub.protocol;

/**
 * The {@code Last-Event-ID} a client resumes from, read once at the edge. It is untrusted input,
 * so its size and alphabet are checked before anything else reads it; whether the hub ever
 * issued it is the event log's call.
 *
 * @param raw the text the client sent, for the {@code gap} signal to quote back
 * @param id the id it names, or {@code null} when it is not of the hub's shape (and so names
 *     nothing the hub issued)
 */
public record LastEventId(String raw, EventId id) {

    public static final int MAX_LENGTH = 128;

    /**
     * The id to resume after, or {@code null} when none was given (absent or empty).
     *
     * @throws IllegalArgumentException when it is longer than 128 characters or holds a character
     *     outside printable ASCII, or a space: no id the hub issues has one, and a container may
     *     have turned a control character into one (Undertow folds a tab into a space)
     */
    public static LastEventId parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Last-Event-ID must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Last-Event-ID must be printable ASCII without spaces");
            }
        }
        return new LastEventId(raw, EventId.parse(raw).orElse(null));
    }
}
