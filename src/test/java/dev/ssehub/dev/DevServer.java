package dev.ssehub.dev;

import dev.ssehub.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;

/**
 * Runs the built WAR on an embedded Jetty for development: in memory, with a development secret,
 * and prints a publisher token with a curl line that uses it. Started by {@code mvn -Prun}.
 */
public final class DevServer {

    static final String DEV_SECRET = "ssehub-development-secret-change-me-0123456789";

    private DevServer() {
    }

    /**
     * This JVM's class path is Maven's test class path, which holds the CDI API and Tomcat too. A
     * stock Jetty has neither, so the WAR's own Weld must be used and Tomcat must stay out of sight
     * (Weld would take itself for running in Tomcat). SLF4J comes from here, as from a stock Jetty's
     * {@code logging} modules.
     */
    static void isolate(WebAppContext webapp) {
        webapp.getProtectedClassMatcher().add("-jakarta.enterprise.", "-jakarta.inject.", "-jakarta.interceptor.",
                "-jakarta.decorator.", "-jakarta.annotation.", "-jakarta.el.");
        // One SLF4J for both sides: the WAR's own API would find this class path's provider and
        // refuse it as "not a subtype", the first thing a newcomer reads.
        webapp.getProtectedClassMatcher().add("org.slf4j.");
        webapp.getHiddenClassMatcher().add("org.apache.catalina.", "org.apache.tomcat.", "org.apache.coyote.",
                "org.jboss.weld.");
        webapp.setThrowUnavailableOnStartupException(true);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getProperty("port", "8080"));
        String secret = System.getenv("SSEHUB_JWT_SECRET");
        if (secret == null && System.getProperty("ssehub.jwt.secret") == null) {
            secret = DEV_SECRET;
            System.setProperty("ssehub.jwt.secret", secret);
        } else if (secret == null) {
            secret = System.getProperty("ssehub.jwt.secret");
        }
        Path war = Path.of(System.getProperty("war", "target/sse-hub.war"));
        if (!Files.exists(war)) {
            throw new IllegalStateException(war + " is missing: run mvn package first");
        }

        Server server = new Server(port);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toAbsolutePath().toString());
        isolate(webapp);
        server.setHandler(webapp);
        server.start();

        String token = new Tokens(secret).subject("developer")
                .publish("*").subscribe("*").admin()
                .expiresAt(Instant.now().plus(Duration.ofDays(30)))
                .sign();
        String base = "http://localhost:" + port;
        System.out.println();
        System.out.println("SSE Hub is running at " + base + "/ (development secret, in memory)");
        System.out.println();
        System.out.println("Publisher token (publish, subscribe and admin on every topic, valid 30 days):");
        System.out.println("  " + token);
        System.out.println();
        System.out.println("Subscribe:");
        System.out.println("  curl -N " + base + "/api/stream");
        System.out.println("Publish:");
        System.out.println("  curl -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"topic\":\"default\",\"data\":\"hello from SSE Hub\"}' " + base + "/api/events");
        System.out.println();
        server.join();
    }
}
