package dev.ssehub.hub;

import dev.ssehub.api.ApiException;
import dev.ssehub.api.Reply;
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

    /** Always up on a single node: there is no backplane to lose. */
    public Reply health() {
        return Reply.ok(Map.of("status", "UP"));
    }

    public Reply stats(Caller caller) {
        if (!caller.authenticated()) {
            throw ApiException.unauthorized("stats need a token with sse.admin or the role sse-admin");
        }
        if (!caller.admin()) {
            throw ApiException.forbidden("stats are for admins: the token lacks sse.admin");
        }
        return Reply.ok(hub.stats());
    }
}
