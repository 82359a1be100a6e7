package dev.ssehub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ssehub.api.ApiException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JWT with nimbus-jose-jwt (HS256, RS256 or ES256, each only with its own key; see
 * {@link TokenKeys}) and reads the hub's rights from it: {@code sub}, {@code exp} (required),
 * {@code nbf} when present, {@code iss} and {@code aud} when configured, within the configured
 * clock skew, and {@code "sse": {"publish": [...], "subscribe": [...], "admin": true}}.
 *
 * <p>A refusal says why, never what the token was: tokens are credentials, and error messages end
 * up in logs.
 */
public final class TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** HS256 with {@code secret}, no issuer or audience, the default skew: for tests and tools. */
    public TokenVerifier(byte[] secret) {
        this(new TokenKeys(secret, null, null), null, null, Duration.ofSeconds(30));
    }

    /**
     * @param issuer the {@code iss} tokens must carry, or {@code null} for any
     * @param audience an {@code aud} tokens must name, or {@code null} for any
     */
    public TokenVerifier(TokenKeys keys, String issuer, String audience, Duration clockSkew) {
        processor.setJWSKeySelector(keys);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                issuer == null ? null : new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The caller the token speaks for; a 401 {@link ApiException} when it is bad or expired. */
    public Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw ApiException.unauthorized("the token was refused: it is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw ApiException.unauthorized("the token was refused: " + e.getMessage());
        }
        try {
            Map<String, Object> sse = claims.getJSONObjectClaim("sse");
            Date expires = claims.getExpirationTime();
            return new Caller(claims.getSubject(),
                    rights(sse, "publish"), rights(sse, "subscribe"),
                    sse != null && Boolean.TRUE.equals(sse.get("admin")), true,
                    expires == null ? null : expires.toInstant());
        } catch (ParseException | ClassCastException e) {
            throw ApiException.unauthorized("the token's claims are malformed: " + e.getMessage());
        }
    }

    private static Rights rights(Map<String, Object> sse, String name) {
        if (sse == null || sse.get(name) == null) {
            return Rights.NONE;
        }
        Object value = sse.get(name);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new ClassCastException("sse." + name + " must be a list of topic names");
        }
        return Rights.of(list.stream().map(String.class::cast).toList());
    }
}
