package dev.ssehub.auth;

import java.util.List;
import java.util.Set;

/** The topics one kind of right covers: names, or {@code *} for every topic. */
public record Rights(Set<String> topics) {

    public static final Rights NONE = new Rights(Set.of());
    public static final Rights ALL = new Rights(Set.of("*"));

    public Rights {
        topics = Set.copyOf(topics);
    }

    public static Rights of(List<String> topics) {
        return new Rights(Set.copyOf(topics));
    }

    public boolean covers(String topic) {
        return topics.contains("*") || topics.contains(topic);
    }
}
