package dev.ssehub.protocol;

/** Text that UTF-8 can carry: a lone surrogate would reach the client as U+FFFD. */
public final class Utf16 {

    private Utf16() {
    }

    public static void requirePaired(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " holds an unpaired UTF-16 surrogate at index " + i);
            }
        }
    }
}
