package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an application embedding the hub sees of it through CDI (the probe application of
 * src/probe): streams opening and closing with their reason and published events, enough for
 * presence; and its own {@code AccessPolicy} deciding who may publish and see private events.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.credentials.warning.seconds", "1");
        return Deployments.hub("lifecycle", settings, Map.of("/presence", "dev.ssehub.probe.PresenceServlet",
                "/app-metrics", "dev.ssehub.probe.ApplicationMetricsServlet", "/log", "dev.ssehub.probe.LogServlet"));
    }

    @Test
    void theApplicationSeesWhoIsOnlineWhatWasPublishedAndWhyStreamsEnded() {
        HubHttp hub = new HubHttp(base);
        String ann = Deployments.TOKENS.subject("ann").subscribe("room").sign();
        try (SseClient stream = SseClient.open(hub.stream(List.of("room"), "access_token=" + ann))) {
            await().until(() -> presence(hub).getJsonObject("online").getInt("ann", 0) == 1);

            String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"room\",\"data\":\"hello\"}");
            await().until(() -> presence(hub).getJsonArray("published").getValuesAs(JsonString.class)
                    .stream().anyMatch(entry -> entry.getString().equals(id + ":hello:1")));
            stream.awaitEvents(1);
        }
        await().until(() -> !presence(hub).getJsonObject("online").containsKey("ann"));
        assertThat(closes(hub)).contains("ann:CLIENT_LEFT");

        String shortLived = Deployments.TOKENS.subject("bea").subscribe("room").expiresAt(Instant.now().plusSeconds(2)).sign();
        try (SseClient stream = SseClient.open(hub.stream(List.of("room"), "access_token=" + shortLived))) {
            await().atMost(Duration.ofSeconds(15)).until(stream::ended);
        }
        await().until(() -> closes(hub).contains("bea:EXPIRED"));
    }

    @Test
    void theApplicationsPolicyDecidesWhoMayPublishAndSeePrivateEvents() {
        HubHttp hub = new HubHttp(base);
        String lead = Deployments.TOKENS.subject("lead").sign();
        String member = Deployments.TOKENS.subject("member").sign();
        String outsider = Deployments.TOKENS.subject("outsider").subscribe("*").sign();

        assertThat(hub.publishJson(Deployments.PUBLISHER, "{\"topic\":\"team-a\",\"data\":\"x\"}").statusCode())
                .as("publish rights on every topic, but not the lead").isEqualTo(403);
        assertThat(hub.publishJson(Deployments.PUBLISHER, "{\"topic\":\"other\",\"data\":\"x\"}").statusCode())
                .as("the token's rights elsewhere").isEqualTo(202);

        try (SseClient asMember = SseClient.open(hub.stream(List.of("team-a"), "access_token=" + member));
                SseClient asOutsider = SseClient.open(hub.stream(List.of("team-a"), "access_token=" + outsider))) {
            await().until(() -> !asMember.comments().isEmpty() && !asOutsider.comments().isEmpty());
            hub.publishOk(lead, "{\"topic\":\"team-a\",\"private\":true,\"data\":\"plans\"}");
            hub.publishOk(lead, "{\"topic\":\"team-a\",\"data\":\"public news\"}");

            assertThat(asMember.awaitEvents(2)).extracting(Event::data).containsExactly("plans", "public news");
            assertThat(asOutsider.awaitEvents(1)).extracting(Event::data).containsExactly("public news");
        }
    }

    @Test
    void theHubsMetersAlsoGoToTheApplicationsOwnRegistry() {
        HubHttp hub = new HubHttp(base);
        long before = Long.parseLong(hub.get("app-metrics", null).body().trim());
        assertThat(before).as("the hub's counter is in the application's registry").isGreaterThanOrEqualTo(0);

        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"counted\",\"data\":\"x\"}");

        assertThat(Long.parseLong(hub.get("app-metrics", null).body().trim())).isEqualTo(before + 1);
    }

    @Test
    void theApplicationFollowsItsOwnLogOnATopicPrivateByDefault() {
        HubHttp hub = new HubHttp(base);
        String reader = Deployments.TOKENS.subject("ops").subscribe("app-log").sign();
        try (SseClient withRights = SseClient.open(hub.stream(List.of("app-log"), "access_token=" + reader));
                SseClient anonymous = SseClient.open(hub.stream(List.of("app-log"), null))) {
            await().until(() -> !withRights.comments().isEmpty() && !anonymous.comments().isEmpty());

            assertThat(hub.request("POST", "log?message=cache%20warmed", null, Map.of()).statusCode()).isEqualTo(204);

            Event logged = withRights.awaitEvents(1).get(0);
            assertThat(logged.type()).isEqualTo("log");
            JsonObject data = HubHttp.json(logged.data()).asJsonObject();
            assertThat(data.getString("level")).isEqualTo("INFO");
            assertThat(data.getString("message")).isEqualTo("cache warmed");
            assertThat(data.getString("logger")).isEqualTo("probe.app");
            hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"app-log\",\"data\":\"public marker\"}");
            assertThat(anonymous.awaitEvents(1)).extracting(Event::data).containsExactly("public marker");
        }
    }

    private static JsonObject presence(HubHttp hub) {
        return HubHttp.json(hub.get("presence", null).body()).asJsonObject();
    }

    private static List<String> closes(HubHttp hub) {
        return presence(hub).getJsonArray("closes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }
}
