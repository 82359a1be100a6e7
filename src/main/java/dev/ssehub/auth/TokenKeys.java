package dev.ssehub.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys tokens may be signed with, each bound to the one algorithm it is for: the secret to
 * HS256, an RSA key to RS256, an EC key to ES256. A token's header picks the algorithm, and only
 * keys of that algorithm are tried, so a public key can never be used as an HMAC secret (the
 * classic key confusion) and {@code alg: none} finds no key at all.
 */
public final class TokenKeys implements JWSKeySelector<SecurityContext> {

    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final SecretKeySpec secret;
    private final List<PublicKey> publicKeys;
    private final JWSKeySelector<SecurityContext> jwks;

    /**
     * @param secret HS256's key, or {@code null}
     * @param publicKeyPem PEM files, comma-separated, each with an RSA or EC public key, or {@code null}
     * @param jwks a JWKS file, or an https URL (fetched, cached, fetched again for an unknown
     *     {@code kid}), or {@code null}
     */
    public TokenKeys(byte[] secret, String publicKeyPem, String jwks) {
        this.secret = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
        this.publicKeys = publicKeyPem == null ? List.of()
                : Arrays.stream(publicKeyPem.split(",")).map(String::trim).filter(file -> !file.isEmpty())
                        .map(file -> readPem(Path.of(file))).toList();
        this.jwks = jwks == null ? null : new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, jwkSource(jwks));
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        List<Key> keys = new ArrayList<>();
        if (JWSAlgorithm.HS256.equals(algorithm) && secret != null) {
            keys.add(secret);
        }
        for (PublicKey publicKey : publicKeys) {
            if (JWSAlgorithm.RS256.equals(algorithm) && publicKey instanceof RSAPublicKey
                    || JWSAlgorithm.ES256.equals(algorithm) && publicKey instanceof ECPublicKey) {
                keys.add(publicKey);
            }
        }
        if (jwks != null && PUBLIC_KEY_ALGORITHMS.contains(algorithm)) {
            keys.addAll(jwks.selectJWSKeys(header, context));
        }
        return keys;
    }

    private static JWKSource<SecurityContext> jwkSource(String location) {
        if (location.startsWith("https://")) {
            try {
                return JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("ssehub.jwt.jwks is not a URL: " + e.getMessage(), e);
            }
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(Path.of(location).toFile()));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("ssehub.jwt.jwks: cannot read the key set " + location + ": " + e.getMessage(), e);
        }
    }

    /** An X.509 {@code PUBLIC KEY} in PEM, RSA or EC; anything else stops the deployment. */
    private static PublicKey readPem(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("ssehub.jwt.public-key: cannot read " + file, e);
        }
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("ssehub.jwt.public-key: " + file + " holds no -----BEGIN PUBLIC KEY----- block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 26, end));
        for (String type : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // try the next
            }
        }
        throw new IllegalStateException("ssehub.jwt.public-key: " + file + " holds neither an RSA nor an EC public key");
    }
}
