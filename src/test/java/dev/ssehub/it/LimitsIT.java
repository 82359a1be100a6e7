package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The limits of design.md, each refused with a JSON error that names its key, and changing nothing. */
@ExtendWith(ArquillianExtension.class)
class LimitsIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final String ADMIN = Deployments.TOKENS.subject("ops").admin().sign();
    /** About five small events of encoded history. */
    private static final int HISTORY_BYTES = 150;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.publish.max-batch", "3");
        settings.put("ssehub.client.buffer.bytes", "2048");
        settings.put("ssehub.stream.max-topics", "2");
        settings.put("ssehub.metrics.max-topics", "1");
        settings.put("ssehub.history.max-bytes", String.valueOf(HISTORY_BYTES));
        return Deployments.hub("limits", settings);
    }

    @Test
    void refusesABatchOverTheLimitAndAnEventNoClientCouldHoldPublishingNothing() {
        long before = published();

        refused(hub().publishJson(PUBLISHER, batch(4)), 413, "ssehub.publish.max-batch");
        refused(hub().publishJson(PUBLISHER, "{\"topic\":\"big\",\"data\":\"" + "x".repeat(3000) + "\"}"), 413,
                "ssehub.client.buffer.bytes");
        refused(hub().publishJson(PUBLISHER, "[{\"topic\":\"big\"},{\"topic\":\"big\",\"data\":\""
                + "\\n".repeat(400) + "\"}]"), 413, "batch item 1");

        assertThat(published()).isEqualTo(before);
        assertThat(hub().publishJson(PUBLISHER, batch(3)).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesAStreamOnMoreTopicsThanTheLimitCountingARepeatedTopicOnce() {
        try (SseClient tooMany = SseClient.open(hub().stream(List.of("a", "b", "c"), null));
                SseClient repeated = SseClient.open(hub().stream(List.of("a", "a", "a", "b"), null))) {
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(HubHttp.json(tooMany.errorBody()).asJsonObject().getString("message"))
                    .contains("ssehub.stream.max-topics");
            assertThat(repeated.status()).isEqualTo(200);
        }
    }

    @Test
    void keepsNoMoreHistoryThanItsByteBoundAndSaysSoWithAGap() {
        String first = hub().publishOk(PUBLISHER, "{\"topic\":\"kept\",\"data\":\"0\"}");
        for (int i = 1; i < 10; i++) {
            hub().publishOk(PUBLISHER, "{\"topic\":\"kept\",\"data\":\"" + i + "\"}");
        }
        String marker = hub().publishOk(PUBLISHER, "{\"topic\":\"kept\",\"data\":\"end\"}");

        try (SseClient resumed = SseClient.open(hub().stream(List.of("kept"), null), Map.of("Last-Event-ID", first))) {
            List<Event> events = resumed.awaitEvents(2);
            assertThat(events.get(0).type()).isEqualTo("gap");
            assertThat(events.get(events.size() - 1).lastEventId()).isEqualTo(marker);
            assertThat(events.size() - 1).as("events replayed within %d bytes", HISTORY_BYTES).isBetween(1, 5);
        }
    }

    @Test
    void exposesJvmAndProcessMetricsAndBoundsThePerTopicSeries() {
        try (SseClient first = SseClient.open(hub().stream(List.of("busy"), null));
                SseClient second = SseClient.open(hub().stream(List.of("busy"), null));
                SseClient third = SseClient.open(hub().stream(List.of("quiet"), null))) {
            HttpResponse<String> metrics = hub().get("metrics", ADMIN);

            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                    "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count",
                    "ssehub_history_events", "ssehub_history_bytes",
                    "ssehub_topic_subscribers{topic=\"busy\"} 2", "ssehub_topic_subscribers{topic=\"_other\"} ");
            assertThat(metrics.body()).doesNotContain("topic=\"quiet\"");
        }
    }

    private static String batch(int size) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add("{\"topic\":\"batch\",\"data\":\"" + i + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    private long published() {
        return hub().stats().getJsonNumber("published").longValue();
    }

    private static void refused(HttpResponse<String> response, int status, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = HubHttp.json(response.body()).asJsonObject();
        assertThat(error.getString("error")).isNotBlank();
        assertThat(error.getString("message")).contains(named);
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
