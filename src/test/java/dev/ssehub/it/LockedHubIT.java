package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A hub with anonymous subscribing off and room for two streams. */
@ExtendWith(ArquillianExtension.class)
class LockedHubIT {

    private static final String READER = Deployments.TOKENS.subject("reader").subscribe("news").sign();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.subscribe.anonymous", "false");
        settings.put("ssehub.connections.max", "2");
        return Deployments.hub("locked", settings);
    }

    @Test
    void refusesStreamsWithoutATokenOrWithoutTheRight() {
        try (SseClient anonymous = SseClient.open(hub().stream(List.of("news"), null));
                SseClient wrongTopic = SseClient.open(hub().stream(List.of("news", "sport"), "access_token=" + READER))) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(error(anonymous).getString("error")).isEqualTo("unauthorized");
            assertThat(wrongTopic.status()).isEqualTo(403);
            assertThat(error(wrongTopic).getString("message")).contains("sport");
        }
    }

    @Test
    void refusesStreamsOverTheLimitWithRetryAfterAndAdmitsAgainOnceOneCloses() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + READER);
        SseClient first = SseClient.open(hub().stream(List.of("news"), null), auth);
        try (SseClient second = SseClient.open(hub().stream(List.of("news"), null), auth)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            try (SseClient third = SseClient.open(hub().stream(List.of("news"), null), auth)) {
                assertThat(third.status()).isEqualTo(503);
                assertThat(third.headers().firstValue("Retry-After")).isPresent();
                assertThat(error(third).getString("error")).isEqualTo("too_many_connections");
            }
            first.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
                try (SseClient again = SseClient.open(hub().stream(List.of("news"), null), auth)) {
                    return again.status() == 200;
                }
            });
        }
    }

    private static JsonObject error(SseClient client) {
        return HubHttp.json(client.errorBody()).asJsonObject();
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
