package dev.ssehub.protocol;

import java.util.Set;

/**
 * What one event says on the wire, besides its id: its type, its data and an optional
 * reconnection delay. It is checked once, when it is built, and then carried unchanged from the
 * publish edge to the encoder, so encoding it can never produce a frame that a client would parse
 * differently from what was published.
 *
 * <p>{@code event} is 1 to 100 characters without CR, LF or NUL (they would end the field early),
 * and not one of the names {@code EventSource} or the hub give a meaning of their own; neither
 * field may hold text that UTF-8 cannot carry (an unpaired surrogate would arrive changed).
 *
 * @param event the event type, or {@code null} for the browser's default {@code message}
 * @param data the payload, line breaks and all; never {@code null}
 * @param retry a reconnection delay in milliseconds to send along, or {@code null}
 */
public record SseEvent(String event, String data, Long retry) {

    public static final int MAX_EVENT_LENGTH = 100;
    /**
     * {@code error} and {@code open} confuse {@code EventSource}; {@code gap},
     * {@code credentials-expiring} and {@code heartbeat} are the hub's own signals, which a
     * publisher must not forge.
     */
    public static final Set<String> RESERVED_EVENTS = Set.of("error", "open", "gap", "credentials-expiring", "heartbeat");

    public SseEvent {
        if (event != null) {
            checkEventName(event);
            if (RESERVED_EVENTS.contains(event)) {
                throw new IllegalArgumentException("event '" + event + "' is reserved: " + RESERVED_EVENTS
                        + " would confuse EventSource or the hub's own signals");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        Utf16.requirePaired("data", data);
        if (retry != null && retry < 0) {
            throw new IllegalArgumentException("retry must be a non-negative whole number of milliseconds");
        }
    }

    public static SseEvent of(String data) {
        return new SseEvent(null, data, null);
    }

    static void checkEventName(String event) {
        if (event.isEmpty() || event.length() > MAX_EVENT_LENGTH) {
            throw new IllegalArgumentException("event must be 1 to " + MAX_EVENT_LENGTH + " characters");
        }
        if (event.indexOf('\r') >= 0 || event.indexOf('\n') >= 0 || event.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("event must not contain CR, LF or NUL");
        }
        Utf16.requirePaired("event", event);
    }
}
