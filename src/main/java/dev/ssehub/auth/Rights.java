package dev.ssehub.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The topics one kind of right covers: names, or {@code *} for every topic, or an application's rule. */
public interface Rights {

    Rights NONE = new Listed(Set.of());
    Rights ALL = new Listed(Set.of("*"));

    boolean covers(String topic);

    static Rights of(List<String> topics) {
        return new Listed(Set.copyOf(topics));
    }

    /**
     * Rights that an {@link AccessPolicy} decides, asked once per topic: a stream's caller is asked
     * about its topics again for every private event, and a policy may be slow.
     */
    static Rights decidedBy(Predicate<String> rule) {
        Map<String, Boolean> answers = new ConcurrentHashMap<>();
        return topic -> answers.computeIfAbsent(topic, rule::test);
    }

    /** Names from a token's claim, or {@code *}. */
    record Listed(Set<String> topics) implements Rights {

        public Listed {
            topics = Set.copyOf(topics);
        }

        @Override
        public boolean covers(String topic) {
            return topics.contains("*") || topics.contains(topic);
        }
    }
}
