package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.RedisServer;
import dev.ssehub.testing.SseClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faults that break a promise silently unless the hub proves it: a node paused (SIGSTOP)
 * past the history, a Redis frozen (SIGSTOP) while publishes arrive, a Redis that lost its data,
 * and an entry no hub wrote in the history. Real processes: a redis-server and the WAR on Tomcat
 * (node a) and Jetty (node b), with a short history.
 */
class ClusterFaultsIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int HISTORY = 200;
    /** Ids as the design compares them: two decimal numbers, as a pair. */
    private static final Comparator<String> BY_ID_ASCENDING = Comparator
            .comparingLong((String id) -> Long.parseLong(id.substring(0, id.indexOf('-'))))
            .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)));

    private static RedisServer redis;
    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() {
        redis = new RedisServer();
        redis.start();
        nodes = new ClusterNodes(redis.url(), Map.of("ssehub.history.size", String.valueOf(HISTORY)));
        nodes.startAll();
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aNodePausedPastTheHistoryGivesItsLiveStreamsAGapBeforeTheHoleAndThenEverythingKept() {
        String topic = topic();
        try (SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().atMost(DEADLINE).until(() -> !onB.comments().isEmpty());
            List<String> ids = new ArrayList<>();
            ids.add(nodes.http(0).publishOk(PUBLISHER, publication(topic, "before")));
            await().atMost(DEADLINE).until(() -> onB.eventCount() == 1);

            nodes.pause(1);
            try {
                for (int i = 0; i < 3 * HISTORY; i++) {
                    ids.add(nodes.http(0).publishOk(PUBLISHER, publication(topic, String.valueOf(i))));
                }
            } finally {
                nodes.resume(1);
            }
            String last = ids.get(ids.size() - 1);
            await().atMost(DEADLINE).until(() -> onB.events().stream().anyMatch(e -> last.equals(e.lastEventId())
                    && !"gap".equals(e.type())));

            List<Event> received = onB.events();
            assertThat(received.get(0).lastEventId()).isEqualTo(ids.get(0));
            assertThat(received.get(1).type()).as("the gap comes before the hole").isEqualTo("gap");
            assertThat(HubHttp.json(received.get(1).data()).asJsonObject().getString("lastEventId"))
                    .isEqualTo(ids.get(0));
            List<String> after = received.subList(2, received.size()).stream().map(Event::lastEventId).toList();
            assertThat(received.subList(2, received.size())).extracting(Event::type).doesNotContain("gap");
            assertThat(after).as("what follows the gap is the newest events, in order, none twice")
                    .containsExactlyElementsOf(ids.subList(ids.size() - after.size(), ids.size()));
            assertThat(onB.ended()).isFalse();
        }
    }

    @Test
    void aPublishAnswered503WhileRedisWasFrozenNeverReachesASubscriber() throws Exception {
        String topic = topic();
        try (SseClient onA = SseClient.open(nodes.http(0).stream(List.of(topic), null));
                SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().atMost(DEADLINE).until(() -> !onA.comments().isEmpty() && !onB.comments().isEmpty());
            String first = nodes.http(0).publishOk(PUBLISHER, publication(topic, "accepted"));

            redis.pause();
            List<HttpResponse<String>> refused = new ArrayList<>();
            try {
                CompletableFuture<HttpResponse<String>> onNodeA = CompletableFuture.supplyAsync(
                        () -> nodes.http(0).publishJson(PUBLISHER, publication(topic, "refused-a")));
                CompletableFuture<HttpResponse<String>> onNodeB = CompletableFuture.supplyAsync(
                        () -> nodes.http(1).publishJson(PUBLISHER, publication(topic, "refused-b")));
                refused.add(onNodeA.get());
                refused.add(onNodeB.get());
                for (int node = 0; node < 2; node++) {
                    HubHttp http = nodes.http(node);
                    await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 503);
                }
            } finally {
                redis.resume();
            }
            for (HttpResponse<String> answer : refused) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(HubHttp.json(answer.body()).asJsonObject().getString("error"))
                        .isEqualTo("backplane_unavailable");
            }

            for (int node = 0; node < 2; node++) {
                HubHttp http = nodes.http(node);
                await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 200);
            }
            String next = nodes.http(1).publishOk(PUBLISHER, publication(topic, "after"));
            for (SseClient client : List.of(onA, onB)) {
                // in id order: a refused event stored after all would arrive before this one
                await().atMost(DEADLINE).until(() -> client.events().stream().anyMatch(e -> next.equals(e.lastEventId())));
                assertThat(client.events()).extracting(Event::lastEventId).containsExactly(first, next);
                assertThat(client.events()).extracting(Event::data).containsExactly("accepted", "after");
            }
        }
    }

    @Test
    void redisLosingItsDataGivesLiveStreamsOnBothNodesAGapAndLaterEventsArriveWithHigherIds() {
        String topic = topic();
        try (SseClient onA = SseClient.open(nodes.http(0).stream(List.of(topic), null));
                SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().atMost(DEADLINE).until(() -> !onA.comments().isEmpty() && !onB.comments().isEmpty());
            String before = nodes.http(0).publishOk(PUBLISHER, publication(topic, "before"));
            await().atMost(DEADLINE).until(() -> onA.eventCount() == 1 && onB.eventCount() == 1);

            redis.flushAll();
            String after = nodes.http(1).publishOk(PUBLISHER, publication(topic, "after"));
            assertThat(BY_ID_ASCENDING.compare(after, before)).isPositive();

            for (SseClient client : List.of(onA, onB)) {
                await().atMost(DEADLINE).until(() -> client.eventCount() >= 3);
                assertThat(client.events()).extracting(Event::type).containsExactly("message", "gap", "message");
                assertThat(client.events()).extracting(Event::data).endsWith("after");
                assertThat(HubHttp.json(client.events().get(1).data()).asJsonObject().getString("lastEventId"))
                        .isEqualTo(before);
            }
            try (SseClient resumed = SseClient.open(nodes.http(1).stream(List.of(topic), null),
                    Map.of("Last-Event-ID", before))) {
                List<Event> events = resumed.awaitEvents(2);
                assertThat(events).extracting(Event::type).containsExactly("gap", "message");
                assertThat(events.get(1).lastEventId()).isEqualTo(after);
            }
        }
    }

    @Test
    void anEntryNoHubWroteMakesHealth503UntilTheFollowersGoPastItAndNoStreamStalls() {
        String topic = topic();
        try (SseClient onA = SseClient.open(nodes.http(0).stream(List.of(topic), null));
                SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().atMost(DEADLINE).until(() -> !onA.comments().isEmpty() && !onB.comments().isEmpty());
            String before = nodes.http(0).publishOk(PUBLISHER, publication(topic, "before"));

            String junk = redis.call("XADD", "{ssehub}:events", "*", "p", "{\"topics\":[\"" + topic + "\"]}", "b", "9");
            for (int node = 0; node < 2; node++) {
                HubHttp http = nodes.http(node);
                await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 503);
                assertThat(http.get("api/health", null).body()).contains(junk).contains("not a hub's event");
            }

            String after = nodes.http(1).publishOk(PUBLISHER, publication(topic, "after"));
            for (SseClient client : List.of(onA, onB)) {
                await().atMost(DEADLINE).until(() -> client.eventCount() >= 2);
                assertThat(client.events()).extracting(Event::lastEventId).containsExactly(before, after);
            }
            for (int node = 0; node < 2; node++) {
                HubHttp http = nodes.http(node);
                await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 200);
                assertThat(http.stats().getJsonNumber("followerLagEvents").longValue()).isZero();
            }
            try (SseClient resumed = SseClient.open(nodes.http(0).stream(List.of(topic), null),
                    Map.of("Last-Event-ID", before))) {
                assertThat(resumed.awaitEvents(1)).extracting(Event::lastEventId).containsExactly(after);
            }
        }
    }

    private static String publication(String topic, String data) {
        return "{\"topic\":\"" + topic + "\",\"data\":\"" + data + "\"}";
    }

    private static String topic() {
        return "faults-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
