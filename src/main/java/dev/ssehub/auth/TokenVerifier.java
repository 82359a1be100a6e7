package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ssehub.api.ApiException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an HS256 JWT with nimbus-jose-jwt and reads the hub's rights from it:
 * {@code sub}, {@code exp} (required and enforced) and
 * {@code "sse": {"publish": [...], "subscribe": [...], "admin": true}}.
 */
public final class TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(byte[] secret) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("exp")));
    }

    /** The caller the token speaks for; a 401 {@link ApiException} when it is bad or expired. */
    public Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw ApiException.unauthorized("the token was refused: " + e.getMessage());
        }
        try {
            Map<String, Object> sse = claims.getJSONObjectClaim("sse");
            return new Caller(claims.getSubject(),
                    rights(sse, "publish"), rights(sse, "subscribe"),
                    sse != null && Boolean.TRUE.equals(sse.get("admin")), true);
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
