package dev.ssehub.hub;

import java.util.Objects;

/**
 * An {@code Idempotency-Key} as the publisher who sent it: the same key from another subject is
 * another key, so one publisher cannot learn or replay another's publishes.
 *
 * @param subject the publisher's subject, or the empty string when its credentials name none
 * @param key 1 to 128 printable ASCII characters
 */
public record PublishKey(String subject, String key) {

    public static final int MAX_LENGTH = 128;

    public PublishKey {
        subject = Objects.requireNonNullElse(subject, "");
        if (!isValid(key)) {
            throw new IllegalArgumentException("Idempotency-Key must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters");
        }
    }

    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** Subject and key in one string that no other pair gives: the subject's length comes first. */
    public String qualified() {
        return subject.length() + ":" + subject + ":" + key;
    }
}
