package dev.ssehub.auth;

import dev.ssehub.api.ApiException;
import java.time.Instant;
import java.util.Set;

/**
 * Who sent a request, and what that allows: from a checked token, from the container's own
 * authentication, or nobody at all.
 *
 * @param subject the token's {@code sub} or the principal's name; {@code null} when anonymous
 * @param expiresAt when the token's rights end ({@code exp}), or {@code null} when they do not
 *     (the container's user, or nobody)
 */
public record Caller(String subject, Rights publish, Rights subscribe, boolean admin, boolean authenticated,
        Instant expiresAt) {

    public static final Caller ANONYMOUS = new Caller(null, Rights.NONE, Rights.NONE, false, false);

    /** A caller whose rights do not expire. */
    public Caller(String subject, Rights publish, Rights subscribe, boolean admin, boolean authenticated) {
        this(subject, publish, subscribe, admin, authenticated, null);
    }

    /**
     * This caller, when it is an admin; else a 401 (nobody) or 403 (not an admin) naming {@code what}.
     */
    public Caller requireAdmin(String what) {
        if (!authenticated) {
            throw ApiException.unauthorized(what + " need a token with sse.admin or the role sse-admin");
        }
        if (!admin) {
            throw ApiException.forbidden(what + " are for admins: neither sse.admin in a token nor the role sse-admin");
        }
        return this;
    }

    /** This caller with its rights decided by {@code policy} instead of its token or roles. */
    public Caller governedBy(AccessPolicy policy) {
        Caller asAuthenticated = this;
        return new Caller(subject, Rights.decidedBy(topic -> policy.mayPublish(asAuthenticated, topic)),
                Rights.decidedBy(topic -> policy.maySubscribe(asAuthenticated, topic)), admin, authenticated, expiresAt);
    }

    /** This caller with its subscribe rights decided now for {@code topics}, the stream's. */
    public Caller subscribingTo(Set<String> topics) {
        return new Caller(subject, publish, subscribe.fixedFor(topics), admin, authenticated, expiresAt);
    }

    public boolean mayPublish(String topic) {
        return publish.covers(topic);
    }

    public boolean maySubscribe(String topic) {
        return subscribe.covers(topic);
    }
}
