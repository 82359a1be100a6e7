package dev.ssehub.protocol;

/**
 * The {@code Last-Event-ID} a client resumes from: untrusted input, so its size and alphabet are
 * checked before anything else reads it. Whether the hub ever issued it is the event log's call.
 */
public final class LastEventId {

    public static final int MAX_LENGTH = 128;

    private LastEventId() {
    }

    /**
     * The value to resume from, or {@code null} when none was given (absent or empty).
     *
     * @throws IllegalArgumentException when it is longer than 128 characters or holds a character
     *     outside printable ASCII
     */
    public static String check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Last-Event-ID must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Last-Event-ID must be printable ASCII");
            }
        }
        return raw;
    }
}
