package dev.ssehub.auth;

import dev.ssehub.api.ApiException;

/**
 * Decides who a request comes from: a Bearer token when one is sent (a bad one is refused, never
 * ignored), else the container's authenticated user, else nobody.
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final TokenVerifier tokens;
    private final AccessPolicy policy;

    /** @param tokens the verifier, or {@code null} when no secret is configured */
    public Authenticator(TokenVerifier tokens) {
        this(tokens, null);
    }

    /** @param policy the application's rule of who may do what, or {@code null} for the claims and roles */
    public Authenticator(TokenVerifier tokens, AccessPolicy policy) {
        this.tokens = tokens;
        this.policy = policy;
    }

    public boolean checksTokens() {
        return tokens != null;
    }

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param queryToken the {@code access_token} parameter, or {@code null}
     * @param containerUser the container's user, or {@code null}
     */
    public Caller authenticate(String authorization, String queryToken, ContainerUser containerUser) {
        Caller caller = identify(authorization, queryToken, containerUser);
        return policy == null ? caller : caller.governedBy(policy);
    }

    private Caller identify(String authorization, String queryToken, ContainerUser containerUser) {
        String token = bearerToken(authorization, containerUser);
        if (token == null && queryToken != null && !queryToken.isEmpty()) {
            token = queryToken;
        }
        if (token != null) {
            if (tokens == null) {
                throw ApiException.unauthorized("tokens cannot be checked: the hub has no ssehub.jwt.secret, ssehub.jwt.public-key or ssehub.jwt.jwks");
            }
            return tokens.verify(token);
        }
        return containerUser != null ? containerUser.toCaller() : Caller.ANONYMOUS;
    }

    private static String bearerToken(String authorization, ContainerUser containerUser) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            if (token.isEmpty()) {
                throw ApiException.unauthorized("the Authorization header has an empty Bearer token");
            }
            return token;
        }
        if (containerUser != null) {
            return null; // the container authenticated this scheme itself
        }
        throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
    }
}
