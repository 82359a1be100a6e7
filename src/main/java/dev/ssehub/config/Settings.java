package dev.ssehub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The hub's settings, read once at start-up and checked then, so that a wrong value stops the
 * deployment with a message naming the key instead of misbehaving later.
 */
public record Settings(
        byte[] jwtSecret,
        boolean anonymousSubscribe,
        Duration heartbeat,
        long retryMillis,
        int historySize,
        Duration historyTtl,
        long clientBufferBytes,
        int maxConnections,
        long publishMaxBytes,
        List<String> corsOrigins,
        boolean metricsPublic,
        String redisUrl,
        long historyMaxBytes,
        int publishMaxBatch,
        int streamMaxTopics,
        int metricsMaxTopics,
        String nodeId,
        String jwtPublicKey,
        String jwks,
        String jwtIssuer,
        String jwtAudience,
        Duration jwtClockSkew,
        Duration credentialsWarning,
        int publishRatePerSubject,
        int connectionsPerSubject,
        int connectionsPerAddress,
        List<String> trustedProxies,
        Duration publishTimeout,
        Duration streamMaxLifetime,
        double streamLifetimeJitter) {

    public static final int MIN_SECRET_BYTES = 32;

    public static Settings load(ConfigSource source) {
        return new Settings(
                secret(source.get("ssehub.jwt.secret")),
                bool(source, "ssehub.subscribe.anonymous", true),
                Duration.ofSeconds(number(source, "ssehub.heartbeat.seconds", 15, 1)),
                number(source, "ssehub.retry.millis", 3000, 0),
                // 0 would trim every event as it is stored: nothing could be replayed, or followed
                count(source, "ssehub.history.size", 10_000, 1),
                Duration.ofSeconds(number(source, "ssehub.history.ttl.seconds", 3600, 1)),
                number(source, "ssehub.client.buffer.bytes", 1_048_576, 1024),
                count(source, "ssehub.connections.max", 20_000, 1),
                number(source, "ssehub.publish.max-bytes", 1_048_576, 1),
                list(source.get("ssehub.cors.origins")),
                bool(source, "ssehub.metrics.public", false),
                redisUrl(source.get("ssehub.redis.url")),
                number(source, "ssehub.history.max-bytes", 67_108_864, 0),
                count(source, "ssehub.publish.max-batch", 1000, 1),
                count(source, "ssehub.stream.max-topics", 100, 1),
                count(source, "ssehub.metrics.max-topics", 100, 0),
                nodeId(source.get("ssehub.node.id")),
                blankAsNull(source.get("ssehub.jwt.public-key")),
                jwks(source.get("ssehub.jwt.jwks")),
                blankAsNull(source.get("ssehub.jwt.issuer")),
                blankAsNull(source.get("ssehub.jwt.audience")),
                Duration.ofSeconds(number(source, "ssehub.jwt.clock-skew.seconds", 30, 0)),
                Duration.ofSeconds(number(source, "ssehub.credentials.warning.seconds", 30, 0)),
                count(source, "ssehub.publish.rate-per-subject", 0, 0),
                count(source, "ssehub.connections.per-subject", 0, 0),
                count(source, "ssehub.connections.per-address", 0, 0),
                list(source.get("ssehub.proxies.trusted")),
                Duration.ofSeconds(number(source, "ssehub.publish.timeout", 5, 1)),
                Duration.ofSeconds(number(source, "ssehub.stream.max-lifetime.seconds", 0, 0)),
                fraction(source, "ssehub.stream.lifetime-jitter", 0.1));
    }

    /** Whether streams end by themselves after {@link #streamMaxLifetime}. */
    public boolean limitsStreamLifetime() {
        return !streamMaxLifetime.isZero();
    }

    /** Whether HS256 tokens can be checked. */
    public boolean hasJwtSecret() {
        return jwtSecret != null;
    }

    /** Whether tokens can be checked at all; without a key only the container can authenticate. */
    public boolean checksTokens() {
        return jwtSecret != null || jwtPublicKey != null || jwks != null;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A file, or an https URL: keys fetched in the clear could be swapped on the way. */
    private static String jwks(String value) {
        String jwks = blankAsNull(value);
        if (jwks != null && jwks.contains("://") && !jwks.startsWith("https://")) {
            throw new IllegalStateException("ssehub.jwt.jwks must be a file or an https:// URL");
        }
        return jwks;
    }

    /** The operator's name for this node, or the host's name and the process id. */
    private static String nodeId(String value) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unnamed) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static String redisUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.startsWith("redis://") && !value.startsWith("rediss://") && !value.startsWith("redis-sentinel://")) {
            throw new IllegalStateException("ssehub.redis.url must start with redis://, rediss:// or redis-sentinel://");
        }
        return value;
    }

    private static byte[] secret(String value) {
        if (value == null) {
            return null;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("ssehub.jwt.secret must be at least " + MIN_SECRET_BYTES
                    + " bytes of UTF-8 (HS256 needs a 256-bit key); it has " + bytes.length);
        }
        return bytes;
    }

    private static boolean bool(ConfigSource source, String key, boolean fallback) {
        String value = source.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalStateException(key + " must be true or false, not '" + value + "'");
    }

    private static int count(ConfigSource source, String key, int fallback, int min) {
        return (int) Math.min(Integer.MAX_VALUE, number(source, key, fallback, min));
    }

    private static long number(ConfigSource source, String key, long fallback, long min) {
        String value = source.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the key's name
        }
        throw new IllegalStateException(key + " must be a whole number of at least " + min + ", not '" + value + "'");
    }

    private static double fraction(ConfigSource source, String key, double fallback) {
        String value = source.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the key's name
        }
        throw new IllegalStateException(key + " must be a number from 0 to 1, not '" + value + "'");
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
