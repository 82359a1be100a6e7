package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ssehub.api.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from identity providers: each algorithm only with its own key, and every claim checked. */
class TokenVerifierTest {

    private static final byte[] SECRET = "a-secret-of-thirty-two-bytes-or-more!".getBytes(StandardCharsets.UTF_8);
    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey otherRsa;

    @TempDir
    Path files;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @Test
    void acceptsRs256AndEs256SignedWithTheConfiguredPublicKeys() throws Exception {
        TokenVerifier withRsa = verifier(new TokenKeys(null, pem(rsa.toPublicKey()), null), null, null);
        TokenVerifier withEc = verifier(new TokenKeys(null, pem(ec.toPublicKey()), null), null, null);
        TokenVerifier withBoth = verifier(new TokenKeys(null, pem(rsa.toPublicKey()) + ", " + pem(ec.toPublicKey()), null),
                null, null);
        assertThat(withBoth.verify(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims().build()))).isNotNull();
        assertThat(withBoth.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims().build()))).isNotNull();
        refused(withRsa, sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims().build()));

        Caller caller = withRsa.verify(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims().build()));
        assertThat(caller.subject()).isEqualTo("ann");
        assertThat(caller.mayPublish("news")).isTrue();
        assertThat(caller.expiresAt()).isAfter(Instant.now());
        assertThat(withEc.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims().build())).subject())
                .isEqualTo("ann");
    }

    @Test
    void acceptsTokensFromAJwksFileByTheirKeyId() throws Exception {
        Path jwks = files.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        TokenVerifier verifier = verifier(new TokenKeys(null, null, jwks.toString()), null, null);

        assertThat(verifier.verify(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), claims().build())).subject())
                .isEqualTo("ann");
        assertThat(verifier.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims().build())).subject())
                .isEqualTo("ann");
        refused(verifier, signWithKid(JWSAlgorithm.RS256, otherRsa, claims().build()));
    }

    @Test
    void refusesAPublicKeyUsedAsAnHmacSecretAndAnAlgorithmTheKeyIsNotFor() throws Exception {
        String pemText = Files.readString(Path.of(pem(rsa.toPublicKey())));
        TokenVerifier verifier = verifier(new TokenKeys(SECRET, pem(rsa.toPublicKey()), null), null, null);

        // the classic confusion: HS256 "signed" with the server's own public key as the secret
        refused(verifier, sign(JWSAlgorithm.HS256, new MACSigner(pemText.getBytes(StandardCharsets.UTF_8)),
                claims().build()));
        refused(verifier, sign(JWSAlgorithm.HS256, new MACSigner(rsa.toPublicKey().getEncoded()), claims().build()));
        // an EC signature where only an RSA key is configured, and RS384 which no key is for
        refused(verifier, sign(JWSAlgorithm.ES256, new ECDSASigner(ec), claims().build()));
        refused(verifier, sign(JWSAlgorithm.RS384, new RSASSASigner(rsa), claims().build()));
        // the secret still verifies HS256
        assertThat(verifier.verify(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims().build())).subject())
                .isEqualTo("ann");
    }

    @Test
    void refusesUnsignedWronglySignedAndMalformedTokens() throws Exception {
        TokenVerifier verifier = verifier(new TokenKeys(SECRET, pem(rsa.toPublicKey()), null), null, null);

        refused(verifier, new PlainJWT(new PlainHeader(), claims().build()).serialize());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims().build().toString().getBytes()) + ".";
        refused(verifier, none);
        refused(verifier, sign(JWSAlgorithm.RS256, new RSASSASigner(otherRsa), claims().build()));
        String good = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims().build());
        refused(verifier, good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA"));
        for (String malformed : List.of("", "x", "a.b", "a.b.c", "....", good.replace('.', '!'))) {
            refused(verifier, malformed);
        }
    }

    @Test
    void checksExpiryNotBeforeIssuerAndAudienceWithTheClockSkew() throws Exception {
        TokenVerifier verifier = verifier(new TokenKeys(SECRET, null, null), "https://idp.example", "sse-hub");
        MACSigner signer = new MACSigner(SECRET);
        JWTClaimsSet.Builder valid = claims().issuer("https://idp.example").audience(List.of("sse-hub", "other"));

        assertThat(verifier.verify(sign(JWSAlgorithm.HS256, signer, valid.build())).subject()).isEqualTo("ann");
        refused(verifier, sign(JWSAlgorithm.HS256, signer, claims().audience("sse-hub").build()));
        refused(verifier, sign(JWSAlgorithm.HS256, signer, claims().issuer("https://evil.example").audience("sse-hub").build()));
        refused(verifier, sign(JWSAlgorithm.HS256, signer, claims().issuer("https://idp.example").audience("other").build()));
        refused(verifier, sign(JWSAlgorithm.HS256, signer, claims().issuer("https://idp.example").build()));
        // 30 s of skew: 10 s past exp or 10 s before nbf still passes, 5 minutes does not
        assertThat(verifier.verify(sign(JWSAlgorithm.HS256, signer, valid.expirationTime(ago(10)).build()))).isNotNull();
        refused(verifier, sign(JWSAlgorithm.HS256, signer, valid.expirationTime(ago(300)).build()));
        JWTClaimsSet.Builder early = claims().issuer("https://idp.example").audience("sse-hub");
        assertThat(verifier.verify(sign(JWSAlgorithm.HS256, signer, early.notBeforeTime(ago(-10)).build()))).isNotNull();
        refused(verifier, sign(JWSAlgorithm.HS256, signer, early.notBeforeTime(ago(-300)).build()));
        refused(verifier, sign(JWSAlgorithm.HS256, signer, new JWTClaimsSet.Builder().subject("ann")
                .issuer("https://idp.example").audience("sse-hub").build())); // no exp at all
    }

    private static void refused(TokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(401);
                    if (token.length() > 8) {
                        assertThat(refusal.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[0]);
                    }
                });
    }

    private static TokenVerifier verifier(TokenKeys keys, String issuer, String audience) {
        return new TokenVerifier(keys, issuer, audience, Duration.ofSeconds(30));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("ann").expirationTime(ago(-600))
                .claim("sse", Map.of("publish", List.of("news"), "subscribe", List.of("*")));
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String signWithKid(JWSAlgorithm algorithm, RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String pem(PublicKey key) throws IOException {
        Path file = Files.createTempFile(files, "key", ".pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file.toString();
    }
}
