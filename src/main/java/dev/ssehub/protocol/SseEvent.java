package dev.ssehub.protocol;

/**
 * One event of the {@code text/event-stream} format, checked when it is built so that
 * encoding it can never produce a frame that a client would parse differently.
 *
 * <p>{@code id} and {@code event} refuse CR, LF and NUL (they would end the field early or,
 * for an id, make the browser ignore it); {@code data} may hold anything, line breaks included.
 *
 * @param id the event id, or {@code null} to send none (the client then keeps its last id)
 * @param event the event type, or {@code null} for the browser's default {@code message}
 * @param data the payload; never {@code null}
 * @param retry a reconnection delay in milliseconds to send along, or {@code null}
 */
public record SseEvent(String id, String event, String data, Long retry) {

    public SseEvent {
        requireSingleLine("id", id);
        requireSingleLine("event", event);
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (retry != null && retry < 0) {
            throw new IllegalArgumentException("retry must be a non-negative number of milliseconds");
        }
    }

    public static SseEvent of(String data) {
        return new SseEvent(null, null, data, null);
    }

    private static void requireSingleLine(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(field + " must not contain CR, LF or NUL");
            }
        }
    }
}
