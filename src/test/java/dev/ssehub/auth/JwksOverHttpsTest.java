package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ssehub.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity provider's key set served over real HTTPS (the JDK's server, a certificate made by
 * {@code keytool} for 127.0.0.1): fetched once, cached, and fetched again when a token names a
 * key the cached set lacks, as when the provider rotates its keys.
 */
class JwksOverHttpsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static SSLSocketFactory defaultFactory;
    private static final AtomicReference<JWKSet> published = new AtomicReference<>();
    private static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void startKeyServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "jwks", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        // the hub fetches with the JVM's defaults, as in production; here they trust this certificate
        defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    }

    @AfterAll
    static void stopKeyServer() {
        HttpsURLConnection.setDefaultSSLSocketFactory(defaultFactory);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void fetchesTheKeySetAgainWhenATokenNamesANewKey() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("2026-first").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("2026-rotated").generate();
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("never-published").generate();
        published.set(new JWKSet(first.toPublicJWK()));
        String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        TokenVerifier verifier = new TokenVerifier(new TokenKeys(null, null, url), null, null, Duration.ofSeconds(30));

        assertThat(verifier.verify(token(first)).subject()).isEqualTo("ann");
        assertThat(verifier.verify(token(first)).subject()).isEqualTo("ann");
        assertThat(fetches.get()).as("the set is cached").isEqualTo(1);

        published.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())));
        assertThat(verifier.verify(token(rotated)).subject()).isEqualTo("ann");
        assertThat(fetches.get()).as("a new kid fetches the set again").isEqualTo(2);
        assertThat(verifier.verify(token(first)).subject()).isEqualTo("ann");
        assertThat(fetches.get()).isEqualTo(2);

        assertThatThrownBy(() -> verifier.verify(token(unknown)))
                .isInstanceOfSatisfying(ApiException.class, refusal -> assertThat(refusal.status()).isEqualTo(401));
        assertThat(fetches.get()).as("a kid nobody published cannot make the hub hammer the provider")
                .isLessThanOrEqualTo(3);
    }

    private static String token(RSAKey key) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("ann")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("sse", Map.of("subscribe", List.of("*"))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
