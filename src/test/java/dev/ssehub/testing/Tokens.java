package dev.ssehub.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mints HS256 tokens in the hub's claim format, for tests and for the development server. */
public final class Tokens {

    private final byte[] secret;

    public Tokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public Token subject(String subject) {
        return new Token(subject);
    }

    /** A token being described; {@link #sign()} ends it. */
    public final class Token {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private final Map<String, Object> sse = new LinkedHashMap<>();
        private Instant expiry = Instant.now().plus(Duration.ofHours(1));

        private Token(String subject) {
            claims.subject(subject);
        }

        public Token publish(String... topics) {
            sse.put("publish", List.of(topics));
            return this;
        }

        public Token subscribe(String... topics) {
            sse.put("subscribe", List.of(topics));
            return this;
        }

        public Token admin() {
            sse.put("admin", true);
            return this;
        }

        public Token expiresAt(Instant when) {
            expiry = when;
            return this;
        }

        public Token withoutExpiry() {
            expiry = null;
            return this;
        }

        public String sign() {
            return signWith(secret);
        }

        public String signWith(byte[] key) {
            if (expiry != null) {
                claims.expirationTime(Date.from(expiry));
            }
            if (!sse.isEmpty()) {
                claims.claim("sse", sse);
            }
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
                jwt.sign(new MACSigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
