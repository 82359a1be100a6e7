package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.NginxProxy;
import dev.ssehub.testing.RedisSentinels;
import dev.ssehub.testing.ResumingSubscriber;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * High availability on Redis Sentinel: a real primary and replica, three real sentinels, two hub
 * nodes given a {@code redis-sentinel://} URL, nginx in front of them. The primary is killed
 * while events are published and flow through nginx to subscribers on both nodes; the sentinels
 * promote the replica, the nodes follow it, and every subscriber has every acknowledged event
 * once, in order, or a gap where the promoted replica lacked some.
 */
class SentinelFailoverIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static RedisSentinels redis;
    private static ClusterNodes nodes;
    private static NginxProxy nginx;

    @BeforeAll
    static void startCluster() {
        redis = new RedisSentinels();
        redis.start();
        nodes = new ClusterNodes(redis.url(), Map.of());
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
    void afterThePrimaryIsKilledPublishesSucceedAgainAndNoSubscriberMissesAnAcknowledgedEventSilently()
            throws InterruptedException {
        String topic = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        HubHttp proxy = new HubHttp(ClusterNodes.url(nginx.baseUrl()));
        List<ResumingSubscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                subscribers.add(new ResumingSubscriber(proxy.stream(List.of(topic), null)));
            }
            await().atMost(DEADLINE).until(() -> nodes.http(0).stats().getInt("connections")
                    + nodes.http(1).stats().getInt("connections") >= subscribers.size());
            assertThat(nodes.http(0).stats().getInt("connections")).as("nginx spreads the streams").isPositive();
            assertThat(nodes.http(1).stats().getInt("connections")).as("nginx spreads the streams").isPositive();
            List<String> acknowledged = new ArrayList<>();
            Set<String> refused = new HashSet<>();
            int number = 0;
            for (; number < 100; number++) {
                acknowledged.add(nodes.http(number % 2).publishOk(PUBLISHER, publication(topic, number)));
            }

            redis.killPrimary();
            long killed = System.nanoTime();
            long recovered = 0;
            int acknowledgedBefore = acknowledged.size();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (acknowledged.size() < acknowledgedBefore + 50 && System.nanoTime() < deadline) {
                HttpResponse<String> answer = nodes.http(number % 2).publishJson(PUBLISHER, publication(topic, number));
                if (answer.statusCode() == 202) {
                    recovered = recovered == 0 ? System.nanoTime() : recovered;
                    acknowledged.add(HubHttp.json(answer.body()).asJsonObject().getString("id"));
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    refused.add(String.valueOf(number));
                }
                number++;
            }
            assertThat(acknowledged).as("publishes succeed again after the failover").hasSize(acknowledgedBefore + 50);
            // a figure for the README, not a check: it depends on the sentinels' timing and the machine
            System.out.printf("failover: %d publishes refused with 503; the first 202 came %.1f s after the kill%n",
                    refused.size(), (recovered - killed) / 1e9);
            assertThat(redis.replicaPromoted()).isTrue();

            String last = acknowledged.get(acknowledged.size() - 1);
            for (ResumingSubscriber subscriber : subscribers) {
                await().atMost(DEADLINE).until(() -> subscriber.events().stream()
                        .anyMatch(e -> last.equals(e.lastEventId()) && !"gap".equals(e.type())));
                assertEveryAcknowledgedEventOnceInOrderOrAGap(subscriber.events(), acknowledged);
                assertThat(subscriber.events()).extracting(Event::data).doesNotContainAnyElementsOf(refused);
            }
        } finally {
            subscribers.forEach(ResumingSubscriber::close);
        }
    }

    private static void assertEveryAcknowledgedEventOnceInOrderOrAGap(List<Event> received, List<String> acknowledged) {
        int next = 0;
        boolean gapSeen = false;
        for (Event event : received) {
            if ("gap".equals(event.type())) {
                gapSeen = true;
                continue;
            }
            int at = acknowledged.indexOf(event.lastEventId());
            assertThat(at).as("only acknowledged events arrive, each once, in order: " + event).isGreaterThanOrEqualTo(next);
            if (at > next) {
                assertThat(gapSeen).as("events up to " + event.lastEventId() + " were missed without a gap").isTrue();
            }
            next = at + 1;
            gapSeen = false;
        }
    }

    private static String publication(String topic, int number) {
        return "{\"topic\":\"" + topic + "\",\"data\":\"" + number + "\"}";
    }
}
