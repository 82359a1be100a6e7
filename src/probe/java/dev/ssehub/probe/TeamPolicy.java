package dev.ssehub.probe;

import dev.ssehub.auth.AccessPolicy;
import dev.ssehub.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * An application's own rule for its {@code team-} topics: the lead publishes, the lead and the
 * members see private events, whatever their tokens say. Other topics keep the tokens' rights.
 */
@ApplicationScoped
public class TeamPolicy implements AccessPolicy {

    private static final Set<String> MEMBERS = Set.of("lead", "member");

    @Override
    public boolean mayPublish(Caller caller, String topic) {
        return topic.startsWith("team-") ? "lead".equals(caller.subject()) : caller.mayPublish(topic);
    }

    @Override
    public boolean maySubscribe(Caller caller, String topic) {
        return topic.startsWith("team-") ? MEMBERS.contains(caller.subject()) : caller.maySubscribe(topic);
    }
}
