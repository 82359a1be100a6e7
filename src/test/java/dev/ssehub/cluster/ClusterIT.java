package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.NginxProxy;
import dev.ssehub.testing.RedisServer;
import dev.ssehub.testing.ResumingSubscriber;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several nodes, one hub: a real redis-server, the WAR in two processes (Tomcat and Jetty), and a
 * real nginx running docker/nginx.conf in front of them. Each test leaves both nodes and Redis
 * running for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Ids as the design compares them: two decimal numbers, as a pair. */
    private static final Comparator<String> BY_ID = Comparator
            .comparingLong((String id) -> Long.parseLong(id.substring(0, id.indexOf('-'))))
            .thenComparingLong(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)));

    private static RedisServer redis;
    private static ClusterNodes nodes;
    private static NginxProxy nginx;

    @BeforeAll
    static void startCluster() {
        // each is assigned before it starts, so that a start that fails halfway is still stopped after
        redis = new RedisServer();
        redis.start();
        nodes = new ClusterNodes(redis.url());
        nodes.startAll();
        nginx = new NginxProxy();
        nginx.start(nodes.ports());
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void anEventPublishedOnOneNodeReachesTheOtherWithTheSameIdAndIdsIncreaseAcrossNodes() {
        String topic = topic();
        try (SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null));
                SseClient onA = SseClient.open(nodes.http(0).stream(List.of(topic), null))) {
            await().until(() -> !onB.comments().isEmpty() && !onA.comments().isEmpty());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(nodes.http(i % 2).publishOk(PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"" + i + "\"}"));
            }
            assertThat(ids).isSortedAccordingTo(BY_ID).doesNotHaveDuplicates();
            for (SseClient client : List.of(onA, onB)) {
                List<Event> events = client.awaitEvents(20);
                assertThat(events).extracting(Event::lastEventId).containsExactlyElementsOf(ids);
                assertThat(events).extracting(Event::data).containsExactlyElementsOf(numbers(20));
            }
        }
    }

    @Test
    @Order(2)
    void aSubscriberOnTwoTopicsResumesOnTheOtherNodeWithNothingLostOrRepeated() {
        String left = topic();
        String right = topic();
        List<String> expected = new ArrayList<>();
        String lastSeen;
        try (SseClient onA = SseClient.open(nodes.http(0).stream(List.of(left, right), null))) {
            await().until(() -> !onA.comments().isEmpty());
            for (int i = 0; i < 10; i++) {
                expected.add(nodes.http(1).publishOk(PUBLISHER, publication(i % 2 == 0 ? left : right, i)));
            }
            lastSeen = onA.awaitEvents(10).get(9).lastEventId();
        }
        for (int i = 10; i < 30; i++) {
            expected.add(nodes.http(i % 2).publishOk(PUBLISHER, publication(i % 3 == 0 ? left : right, i)));
            nodes.http(0).publishOk(PUBLISHER, publication(topic(), -1)); // another topic's, not for it
        }
        try (SseClient onB = SseClient.open(nodes.http(1).stream(List.of(left, right), null),
                Map.of("Last-Event-ID", lastSeen))) {
            List<Event> resumed = onB.awaitEvents(20);
            assertThat(resumed).extracting(Event::type).doesNotContain("gap");
            assertThat(resumed).extracting(Event::lastEventId).containsExactlyElementsOf(expected.subList(10, 30));
            String live = nodes.http(0).publishOk(PUBLISHER, publication(right, 30));
            assertThat(onB.awaitEvents(21).get(20).lastEventId()).isEqualTo(live);
            assertThat(onB.events()).hasSize(21);
        }
    }

    @Test
    @Order(3)
    void theSameIdempotencyKeyOnTwoNodesPublishesOnceAndBothAnswersCarryItsId() {
        String topic = topic();
        String key = UUID.randomUUID().toString();
        try (SseClient client = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().until(() -> !client.comments().isEmpty());
            HttpResponse<String> first = publishWithKey(nodes.http(0), key, publication(topic, 1));
            HttpResponse<String> repeat = publishWithKey(nodes.http(1), key, publication(topic, 1));
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(repeat.statusCode()).isEqualTo(202);
            String id = HubHttp.json(first.body()).asJsonObject().getString("id");
            assertThat(HubHttp.json(repeat.body()).asJsonObject().getString("id")).isEqualTo(id);
            String next = nodes.http(0).publishOk(PUBLISHER, publication(topic, 2));
            List<Event> events = client.awaitEvents(2);
            assertThat(events).extracting(Event::lastEventId).containsExactly(id, next);
        }
    }

    @Test
    @Order(4)
    void statsAndMetricsNameTheNodeAndTheBackplane() {
        JsonObject stats = nodes.http(0).stats();
        assertThat(stats.getString("node")).isEqualTo("node-a");
        assertThat(stats.getString("backplane")).isEqualTo("redis-up");
        assertThat(nodes.http(1).stats().getString("node")).isEqualTo("node-b");
        String metrics = nodes.http(1).get("metrics", Deployments.TOKENS.subject("admin").admin().sign()).body();
        assertThat(metrics).contains("node=\"node-b\"").contains("ssehub_backplane_up 1.0")
                .contains("ssehub_follower_lag_events ").contains("ssehub_follower_lag_seconds ");
        await().atMost(DEADLINE).until(() -> nodes.http(0).stats().getJsonNumber("followerLagEvents").longValue() == 0
                && nodes.http(0).stats().getJsonNumber("followerLagMillis").longValue() == 0);
        assertThat(nodes.http(0).get("api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aNodeRestartedAgainstTheSameRedisKeepsTheIdsAndResumesWithoutAGap() throws InterruptedException {
        String topic = topic();
        String lastSeen;
        try (SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().until(() -> !onB.comments().isEmpty());
            nodes.http(1).publishOk(PUBLISHER, publication(topic, 0));
            lastSeen = onB.awaitEvents(1).get(0).lastEventId();
        }
        nodes.stop(1);
        List<String> whileDown = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            whileDown.add(nodes.http(0).publishOk(PUBLISHER, publication(topic, i)));
        }
        nodes.start(1);
        try (SseClient resumed = SseClient.open(nodes.http(1).stream(List.of(topic), null),
                Map.of("Last-Event-ID", lastSeen))) {
            List<Event> events = resumed.awaitEvents(5);
            assertThat(events).extracting(Event::type).doesNotContain("gap");
            assertThat(events).extracting(Event::lastEventId).containsExactlyElementsOf(whileDown);
            String after = nodes.http(1).publishOk(PUBLISHER, publication(topic, 6));
            assertThat(BY_ID.compare(after, whileDown.get(4))).isPositive();
        }
    }

    @Test
    @Order(6)
    void aNodeKilledWhileEventsFlowThroughNginxCostsNoSubscriberAnEvent() throws InterruptedException {
        everyEventReachesEverySubscriberThroughNginxAcross(50, 2000, () -> nodes.kill(1));
    }

    @Test
    @Order(6)
    void aNodeRestartedPolitelyWhileEventsFlowThroughNginxCostsNoSubscriberAnEvent() throws InterruptedException {
        everyEventReachesEverySubscriberThroughNginxAcross(40, 1000, () -> {
            nodes.stop(1); // SIGTERM, as a rolling deploy sends; its streams end, their clients resume
            nodes.start(1);
        });
    }

    /** What happens to node b (index 1) while events flow; node a publishes throughout. */
    @FunctionalInterface
    private interface NodeFault {
        void strike() throws InterruptedException;
    }

    /**
     * Resuming subscribers through nginx, spread over both nodes; {@code fault} strikes a quarter of
     * the way through the events; each subscriber must get every event once, in order, no gap.
     */
    private void everyEventReachesEverySubscriberThroughNginxAcross(int subscriberCount, int events, NodeFault fault)
            throws InterruptedException {
        String topic = topic();
        List<ResumingSubscriber> subscribers = new ArrayList<>();
        HubHttp proxy = new HubHttp(ClusterNodes.url(nginx.baseUrl()));
        try {
            for (int i = 0; i < subscriberCount; i++) {
                subscribers.add(new ResumingSubscriber(proxy.stream(List.of(topic), null)));
            }
            await().atMost(DEADLINE).until(() -> nodes.http(0).stats().getInt("connections")
                    + nodes.http(1).stats().getInt("connections") >= subscriberCount);
            assertThat(nodes.http(1).stats().getInt("connections")).as("nginx spreads the streams").isPositive();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                ids.add(nodes.http(0).publishOk(PUBLISHER, publication(topic, i)));
                if (i == events / 4) {
                    fault.strike();
                }
            }
            for (ResumingSubscriber subscriber : subscribers) {
                await().atMost(DEADLINE).until(() -> subscriber.events().size() >= events);
                List<Event> received = subscriber.events();
                assertThat(received).extracting(Event::type).doesNotContain("gap");
                assertThat(received).extracting(Event::lastEventId).containsExactlyElementsOf(ids);
            }
            assertThat(subscribers).anySatisfy(s -> assertThat(s.streamsOpened()).isGreaterThan(1));
        } finally {
            subscribers.forEach(ResumingSubscriber::close);
            nodes.start(1);
        }
    }

    @Test
    @Order(7)
    void whileRedisIsDownHealthIs503PublishesAre503StreamsStayOpenAndEveryAcceptedEventArrivesOnce()
            throws InterruptedException {
        String topic = topic();
        try (SseClient onA = SseClient.open(nodes.http(0).stream(List.of(topic), null));
                SseClient onB = SseClient.open(nodes.http(1).stream(List.of(topic), null))) {
            await().until(() -> !onA.comments().isEmpty() && !onB.comments().isEmpty());
            List<String> accepted = new ArrayList<>();
            AtomicInteger number = new AtomicInteger();
            for (int i = 0; i < 50; i++) {
                accepted.add(nodes.http(i % 2).publishOk(PUBLISHER, publication(topic, number.getAndIncrement())));
            }
            redis.stop();
            for (int node = 0; node < 2; node++) {
                HubHttp http = nodes.http(node);
                await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 503);
                JsonObject health = HubHttp.json(http.get("api/health", null).body()).asJsonObject();
                assertThat(health.getString("status")).isEqualTo("DOWN");
                assertThat(health.getString("redis")).isNotBlank();
                HttpResponse<String> refused = http.publishJson(PUBLISHER, publication(topic, -1));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(HubHttp.json(refused.body()).asJsonObject().getString("error"))
                        .isEqualTo("backplane_unavailable");
                assertThat(http.stats().getString("backplane")).isEqualTo("redis-down");
            }
            int heartbeats = onA.comments().size();
            await().atMost(DEADLINE).until(() -> onA.comments().size() > heartbeats + 1);
            assertThat(onA.ended()).isFalse();
            assertThat(onB.ended()).isFalse();

            redis.start();
            for (int node = 0; node < 2; node++) {
                HubHttp http = nodes.http(node);
                await().atMost(DEADLINE).until(() -> http.get("api/health", null).statusCode() == 200);
            }
            for (int i = 0; i < 50; i++) {
                accepted.add(nodes.http(i % 2).publishOk(PUBLISHER, publication(topic, number.getAndIncrement())));
            }
            for (SseClient client : List.of(onA, onB)) {
                await().atMost(DEADLINE).until(() -> client.eventCount() >= accepted.size());
                assertThat(client.events()).extracting(Event::lastEventId).containsExactlyElementsOf(accepted);
                assertThat(client.ended()).isFalse();
            }
        }
    }

    private static HttpResponse<String> publishWithKey(HubHttp http, String key, String json) {
        return http.request("POST", "api/events", PUBLISHER, Map.of("Idempotency-Key", key,
                "Content-Type", "application/json"), json);
    }

    private static String publication(String topic, int number) {
        return "{\"topic\":\"" + topic + "\",\"data\":\"" + number + "\"}";
    }

    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(String.valueOf(i));
        }
        return numbers;
    }

    private static String topic() {
        return "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
