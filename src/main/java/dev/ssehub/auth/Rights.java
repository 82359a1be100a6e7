package dev.ssehub.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;

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
        return topic -> answers.computeIfAbsent(topic, asked -> {
            try {
                return rule.test(asked);
            } catch (RuntimeException failed) {
                // a rule that fails grants nothing, and never breaks a publish or a stream
                Logger.getLogger(AccessPolicy.class.getName()).warning("SSE Hub: the access policy failed on topic '"
                        + asked + "', so it is refused: " + failed);
                return false;
            }
        });
    }

    /** These rights on {@code topics} only, asked now: a stream's fan-out must not wait on a policy. */
    default Rights fixedFor(Set<String> topics) {
        return of(topics.stream().filter(this::covers).toList());
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
