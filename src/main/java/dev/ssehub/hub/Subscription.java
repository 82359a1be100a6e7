package dev.ssehub.hub;

import dev.ssehub.auth.Caller;
import dev.ssehub.connection.Emitter;
import dev.ssehub.history.LoggedEvent;
import java.util.Set;

/** One open stream: where to send, which topics it asked for, and who it is. */
public record Subscription(Emitter emitter, Set<String> topics, Caller caller) {

    public Subscription {
        topics = Set.copyOf(topics);
    }

    /** Whether this stream receives {@code event}: one of its topics, and allowed to see it. */
    boolean wants(LoggedEvent event) {
        for (String topic : event.topics()) {
            if (topics.contains(topic)) {
                return maySee(event);
            }
        }
        return false;
    }

    /** Whether the caller may see {@code event}, already known to be on one of its topics. */
    boolean maySee(LoggedEvent event) {
        if (!event.users().isEmpty()) {
            return caller.subject() != null && event.users().contains(caller.subject());
        }
        if (!event.privateEvent()) {
            return true;
        }
        for (String topic : event.topics()) {
            if (topics.contains(topic) && caller.maySubscribe(topic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
