package dev.ssehub.api;

import dev.ssehub.hub.Hub;
import dev.ssehub.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /api/health} for load balancers and {@code GET /api/stats} for admins. */
@ApplicationScoped
public class StatusResource {

    private Hub hub;

    protected StatusResource() {
        // for the CDI proxy
    }

    @Inject
    public StatusResource(Hub hub) {
        this.hub = hub;
    }

    /** Always up on a single node; in a cluster, down while Redis does not answer. */
    public Reply health() {
        String problem = hub.problem();
        if (problem == null) {
            return Reply.ok(Map.of("status", "UP"));
        }
        return new Reply(503, Map.of("status", "DOWN", "redis", problem));
    }

    public Reply stats(Caller caller) {
        caller.requireAdmin("stats");
        return Reply.ok(hub.stats());
    }
}
