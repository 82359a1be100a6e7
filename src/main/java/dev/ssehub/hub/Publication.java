package dev.ssehub.hub;

import dev.ssehub.protocol.SseEvent;
import dev.ssehub.protocol.Utf16;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event to publish, and the CDI event type for publishing from application code:
 * <pre>
 * &#64;Inject Event&lt;Publication&gt; publications;
 * publications.fire(Publication.of("orders", "{\"id\":42}"));
 * </pre>
 * Checked when built, once: a publication that exists can be stored, encoded and delivered as it
 * is. What it says on the wire is its {@link SseEvent}; the rest says who receives it.
 *
 * @param topics one or more topics; empty means {@code default}
 * @param message the type, data and retry, as the client will see them
 * @param privateEvent only subscribers whose rights cover the topic receive it
 * @param users when not empty, only connections authenticated as one of these subjects receive it
 */
public record Publication(List<String> topics, SseEvent message, boolean privateEvent, Set<String> users) {

    public Publication {
        topics = checkTopics(topics);
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        users = users == null ? Set.of() : Set.copyOf(users);
        for (String user : users) {
            if (user.isEmpty()) {
                throw new IllegalArgumentException("users must not hold an empty subject");
            }
            Utf16.requirePaired("users", user);
        }
        privateEvent = privateEvent || !users.isEmpty();
    }

    /**
     * @param event the event type, or {@code null} for {@code message}
     * @param data the payload, sent as it is
     * @param retry a reconnection delay in ms to send along, or {@code null}
     */
    public Publication(List<String> topics, String event, String data, Long retry, boolean privateEvent,
            Set<String> users) {
        this(topics, new SseEvent(event, data, retry), privateEvent, users);
    }

    public static Publication of(String topic, String data) {
        return new Publication(List.of(topic), SseEvent.of(data), false, Set.of());
    }

    public String event() {
        return message.event();
    }

    public String data() {
        return message.data();
    }

    public Long retry() {
        return message.retry();
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
}
