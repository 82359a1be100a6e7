package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every cell of who may do what: two users, a third whose rights are on another topic, anonymous,
 * a publisher limited to one topic and an admin; public, private and per-user events; live and
 * in replay.
 */
@ExtendWith(ArquillianExtension.class)
class AccessMatrixIT {

    private static final String TOPIC = "matrix";
    private static final String ANN = Deployments.TOKENS.subject("ann").subscribe(TOPIC).sign();
    private static final String BEN = Deployments.TOKENS.subject("ben").subscribe(TOPIC).sign();
    private static final String CARL = Deployments.TOKENS.subject("carl").subscribe("elsewhere").sign();
    private static final String LIMITED_PUBLISHER = Deployments.TOKENS.subject("pub").publish(TOPIC).sign();
    private static final String ADMIN = Deployments.TOKENS.subject("ops").admin().sign();

    /** Who sees which of the three events: the public one, the private one, the one for ann. */
    private static final Map<String, List<String>> SEES = new LinkedHashMap<>();

    static {
        SEES.put("ann", List.of("public", "private", "for-ann"));
        SEES.put("ben", List.of("public", "private"));
        SEES.put("carl", List.of("public"));
        SEES.put("anonymous", List.of("public"));
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("matrix", Deployments.baseSettings());
    }

    @Test
    void eachCallerSeesExactlyWhatItMayLiveAndInReplay() {
        HubHttp hub = new HubHttp(base);
        Map<String, SseClient> live = new LinkedHashMap<>();
        String before = hub.publishOk(LIMITED_PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"before\"}");
        try {
            for (String who : SEES.keySet()) {
                live.put(who, open(hub, who, null));
            }
            live.values().forEach(client -> await().until(() -> !client.comments().isEmpty()));
            hub.publishOk(LIMITED_PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"public\"}");
            hub.publishOk(LIMITED_PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"private\":true,\"data\":\"private\"}");
            hub.publishOk(LIMITED_PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"users\":[\"ann\"],\"data\":\"for-ann\"}");
            String last = hub.publishOk(LIMITED_PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"end\"}");

            for (Map.Entry<String, List<String>> row : SEES.entrySet()) {
                assertThat(dataUpTo(live.get(row.getKey()), last)).as("live, " + row.getKey())
                        .containsExactlyElementsOf(row.getValue());
                try (SseClient replay = open(hub, row.getKey(), before)) {
                    assertThat(dataUpTo(replay, last)).as("replay, " + row.getKey())
                            .containsExactlyElementsOf(row.getValue());
                }
            }
        } finally {
            live.values().forEach(SseClient::close);
        }
    }

    @Test
    void publishingAndAdministeringNeedTheirOwnRights() {
        HubHttp hub = new HubHttp(base);
        String elsewhere = "{\"topic\":\"elsewhere\",\"data\":\"x\"}";
        String here = "{\"topic\":\"" + TOPIC + "\",\"data\":\"x\"}";

        assertThat(hub.publishJson(LIMITED_PUBLISHER, here).statusCode()).isEqualTo(202);
        assertThat(hub.publishJson(LIMITED_PUBLISHER, elsewhere).statusCode()).isEqualTo(403);
        assertThat(hub.publishJson(LIMITED_PUBLISHER, "[" + here + "," + elsewhere + "]").statusCode())
                .as("a batch is all or nothing").isEqualTo(403);
        assertThat(hub.publishJson(ANN, here).statusCode()).as("subscribe rights only").isEqualTo(403);
        assertThat(hub.publishJson(ADMIN, here).statusCode()).as("admin is not publish").isEqualTo(403);
        assertThat(hub.publishJson(null, here).statusCode()).isEqualTo(401);
        assertThat(hub.publishJson(Deployments.TOKENS.subject("x").publish("*").signWith(
                "another-secret-another-secret-another".getBytes()), here).statusCode()).isEqualTo(401);

        assertThat(hub.get("api/stats", ADMIN).statusCode()).isEqualTo(200);
        assertThat(hub.get("api/stats", LIMITED_PUBLISHER).statusCode()).isEqualTo(403);
        assertThat(hub.get("api/stats", null).statusCode()).isEqualTo(401);
        assertThat(hub.get("metrics", ADMIN).statusCode()).isEqualTo(200);
        assertThat(hub.get("metrics", ANN).statusCode()).isEqualTo(403);
        assertThat(hub.get("metrics", null).statusCode()).isEqualTo(401);
    }

    private static SseClient open(HubHttp hub, String who, String lastEventId) {
        String token = switch (who) {
            case "ann" -> ANN;
            case "ben" -> BEN;
            case "carl" -> CARL;
            default -> null;
        };
        return SseClient.open(hub.stream(List.of(TOPIC), token == null ? null : "access_token=" + token),
                lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
    }

    /** The data of what the client got up to the closing event, which everyone sees. */
    private static List<String> dataUpTo(SseClient client, String lastId) {
        await().until(() -> client.events().stream().anyMatch(event -> event.lastEventId().equals(lastId)));
        List<String> data = client.events().stream().map(Event::data).toList();
        return data.subList(0, data.indexOf("end")).stream().filter(text -> !text.equals("before")).toList();
    }
}
