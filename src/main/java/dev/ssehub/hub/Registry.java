package dev.ssehub.hub;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The open subscriptions, by topic. Thread-safe; a topic with no subscriber has no entry. */
final class Registry {

    private final Set<Subscription> all = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Subscription>> byTopic = new ConcurrentHashMap<>();

    void add(Subscription subscription) {
        all.add(subscription);
        for (String topic : subscription.topics()) {
            byTopic.compute(topic, (key, subscribers) -> {
                Set<Subscription> set = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
                set.add(subscription);
                return set;
            });
        }
    }

    /**
     * Idempotent, and always sweeps every topic: a close that races with {@link #add} may find the
     * stream in some topics and not yet in others, and the second remove then finishes the job.
     */
    void remove(Subscription subscription) {
        all.remove(subscription);
        for (String topic : subscription.topics()) {
            byTopic.computeIfPresent(topic, (key, subscribers) -> {
                subscribers.remove(subscription);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    Set<Subscription> subscribers(String topic) {
        return byTopic.getOrDefault(topic, Collections.emptySet());
    }

    Set<Subscription> all() {
        return all;
    }

    int size() {
        return all.size();
    }

    /** Topic → number of subscribers, sorted by topic. */
    Map<String, Integer> topicCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        byTopic.forEach((topic, subscribers) -> counts.put(topic, subscribers.size()));
        return counts;
    }
}
