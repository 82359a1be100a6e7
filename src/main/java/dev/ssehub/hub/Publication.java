package dev.ssehub.hub;

import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.SseEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event to publish, and the CDI event type for publishing from application code:
 * <pre>
 * &#64;Inject Event&lt;Publication&gt; publications;
 * publications.fire(Publication.of("orders", "{\"id\":42}"));
 * </pre>
 * Checked when built: a publication that exists can be encoded and delivered as it is.
 *
 * @param topics one or more topics; empty means {@code default}
 * @param event the event type, or {@code null} for {@code message}
 * @param data the payload, sent as it is
 * @param retry a reconnection delay in ms to send along, or {@code null}
 * @param privateEvent only subscribers whose rights cover the topic receive it
 * @param users when not empty, only connections authenticated as one of these subjects receive it
 */
public record Publication(List<String> topics, String event, String data, Long retry, boolean privateEvent,
        Set<String> users) {

    public static final int MAX_EVENT_LENGTH = 100;
    private static final Set<String> RESERVED_EVENTS = Set.of("error", "open", "gap");

    public Publication {
        topics = checkTopics(topics);
        checkEvent(event);
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        checkText("data", data);
        if (retry != null && retry < 0) {
            throw new IllegalArgumentException("retry must be a non-negative number of milliseconds");
        }
        users = users == null ? Set.of() : Set.copyOf(users);
        for (String user : users) {
            if (user.isEmpty()) {
                throw new IllegalArgumentException("users must not hold an empty subject");
            }
            checkText("users", user);
        }
        privateEvent = privateEvent || !users.isEmpty();
    }

    public static Publication of(String topic, String data) {
        return new Publication(List.of(topic), null, data, null, false, Set.of());
    }

    SseEvent toSseEvent(EventId id) {
        return new SseEvent(id.toString(), event, data, retry);
    }

    private static List<String> checkTopics(List<String> topics) {
        if (topics == null || topics.isEmpty()) {
            return List.of(Topics.DEFAULT);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String topic : topics) {
            unique.add(Topics.check(topic));
        }
        return List.copyOf(unique);
    }

    private static void checkEvent(String event) {
        if (event == null) {
            return;
        }
        if (event.isEmpty() || event.length() > MAX_EVENT_LENGTH) {
            throw new IllegalArgumentException("event must be 1 to " + MAX_EVENT_LENGTH + " characters");
        }
        if (event.indexOf('\r') >= 0 || event.indexOf('\n') >= 0 || event.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("event must not contain CR, LF or NUL");
        }
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("event '" + event + "' is reserved: " + RESERVED_EVENTS
                    + " would confuse EventSource or the hub's own signals");
        }
        checkText("event", event);
    }

    /** Text that UTF-8 cannot carry (a lone surrogate) would reach the client changed. */
    private static void checkText(String field, String text) {
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
