package dev.ssehub.hub;

import java.util.regex.Pattern;

/** The rule for topic names: 1 to 200 characters of {@code A-Z a-z 0-9 . _ ~ : / @ -}. */
public final class Topics {

    public static final String DEFAULT = "default";
    public static final int MAX_LENGTH = 200;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~:/@-]{1," + MAX_LENGTH + "}");

    private Topics() {
    }

    /** @throws IllegalArgumentException naming the topic and the rule when it is not a valid name */
    public static String check(String topic) {
        if (topic == null || !ALLOWED.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic " + quote(topic) + " is not a valid topic: use 1 to "
                    + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ ~ : / @ -");
        }
        return topic;
    }

    private static String quote(String topic) {
        if (topic == null) {
            return "null";
        }
        String shown = topic.length() > 40 ? topic.substring(0, 40) + "…" : topic;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
