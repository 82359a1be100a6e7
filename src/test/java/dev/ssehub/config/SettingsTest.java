package dev.ssehub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void hasTheDefaultsOfTheDesign() {
        Settings settings = Settings.load(source(Map.of(), Map.of(), Map.of()));

        assertThat(settings.hasJwtSecret()).isFalse();
        assertThat(settings.anonymousSubscribe()).isTrue();
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.retryMillis()).isEqualTo(3000);
        assertThat(settings.historySize()).isEqualTo(10_000);
        assertThat(settings.historyTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.clientBufferBytes()).isEqualTo(1_048_576);
        assertThat(settings.maxConnections()).isEqualTo(20_000);
        assertThat(settings.publishMaxBytes()).isEqualTo(1_048_576);
        assertThat(settings.corsOrigins()).isEmpty();
        assertThat(settings.metricsPublic()).isFalse();
        assertThat(settings.redisUrl()).isNull();
        assertThat(settings.limitsStreamLifetime()).isFalse();
        assertThat(settings.streamLifetimeJitter()).isEqualTo(0.1);
    }

    @Test
    void readsTheStreamLifetimeAndRefusesAJitterOutsideZeroToOne() {
        Settings settings = Settings.load(source(Map.of("ssehub.stream.max-lifetime.seconds", "600",
                "ssehub.stream.lifetime-jitter", "0.25"), Map.of(), Map.of()));
        assertThat(settings.streamMaxLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.streamLifetimeJitter()).isEqualTo(0.25);
        for (String jitter : List.of("-0.1", "1.5", "some", "NaN")) {
            assertThatThrownBy(() -> Settings.load(source(Map.of("ssehub.stream.lifetime-jitter", jitter), Map.of(), Map.of())))
                    .as(jitter).hasMessageContaining("ssehub.stream.lifetime-jitter");
        }
        assertThatThrownBy(() -> Settings.load(source(Map.of("ssehub.stream.max-lifetime.seconds", "-1"), Map.of(), Map.of())))
                .hasMessageContaining("ssehub.stream.max-lifetime.seconds");
    }

    @Test
    void takesASystemPropertyOverTheEnvironmentOverAnInitParam() {
        String key = "ssehub.heartbeat.seconds";
        assertThat(Settings.load(source(Map.of(key, "1"), Map.of("SSEHUB_HEARTBEAT_SECONDS", "2"), Map.of(key, "3")))
                .heartbeat()).hasSeconds(1);
        assertThat(Settings.load(source(Map.of(), Map.of("SSEHUB_HEARTBEAT_SECONDS", "2"), Map.of(key, "3")))
                .heartbeat()).hasSeconds(2);
        assertThat(Settings.load(source(Map.of(), Map.of(), Map.of(key, "3"))).heartbeat()).hasSeconds(3);
    }

    @Test
    void namesEnvironmentVariablesWithUnderscores() {
        assertThat(ConfigSource.environmentName("ssehub.publish.max-bytes")).isEqualTo("SSEHUB_PUBLISH_MAX_BYTES");
        Settings settings = Settings.load(source(Map.of(), Map.of("SSEHUB_PUBLISH_MAX_BYTES", "10"), Map.of()));
        assertThat(settings.publishMaxBytes()).isEqualTo(10);
    }

    @Test
    void readsListsOfOrigins() {
        Settings settings = Settings.load(source(Map.of("ssehub.cors.origins", "https://a.example, https://b.example"),
                Map.of(), Map.of()));
        assertThat(settings.corsOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
    }

    @Test
    void refusesWrongValuesNamingTheKey() {
        assertThatThrownBy(() -> Settings.load(source(Map.of("ssehub.heartbeat.seconds", "soon"), Map.of(), Map.of())))
                .hasMessageContaining("ssehub.heartbeat.seconds");
        assertThatThrownBy(() -> Settings.load(source(Map.of("ssehub.subscribe.anonymous", "yes"), Map.of(), Map.of())))
                .hasMessageContaining("ssehub.subscribe.anonymous");
        assertThatThrownBy(() -> Settings.load(source(Map.of("ssehub.jwt.secret", "short"), Map.of(), Map.of())))
                .hasMessageContaining("at least 32 bytes");
    }

    private static ConfigSource source(Map<String, String> properties, Map<String, String> environment,
            Map<String, String> initParams) {
        return new ConfigSource(properties::get, environment, initParams::get);
    }
}
