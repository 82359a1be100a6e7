package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing lost, nothing repeated: a subscriber cut off again and again resumes with its last id. */
@ExtendWith(ArquillianExtension.class)
class ResumeIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final int EVENTS = 2000;
    private static final int PER_CONNECTION = 75;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("resume", Deployments.baseSettings());
    }

    @Test
    void aSubscriberOnTwoTopicsCutTwentyTimesGetsEveryEventOnceInOrder() {
        HubHttp hub = new HubHttp(base);
        List<String> expectedIds = new CopyOnWriteArrayList<>();
        List<Event> received = new ArrayList<>();
        int connections = 0;
        String lastId = null;

        SseClient client = SseClient.open(hub.stream(List.of("left", "right"), null));
        await().until(() -> !client.comments().isEmpty());
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < EVENTS; i++) {
                if (i % 10 == 0) {
                    hub.publishOk(PUBLISHER, "{\"topic\":\"elsewhere\",\"data\":\"not for us\"}");
                }
                String topic = i % 2 == 0 ? "left" : "right";
                expectedIds.add(hub.publishOk(PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"" + i + "\"}"));
            }
        });

        SseClient current = client;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (received.size() < EVENTS && Instant.now().isBefore(deadline)) {
            int target = Math.min(EVENTS, received.size() + PER_CONNECTION);
            SseClient connection = current;
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() + connection.events().size() >= target);
            connection.close();
            await().atMost(Duration.ofSeconds(10)).until(connection::ended);
            List<Event> got = connection.events();
            received.addAll(got);
            connections++;
            if (!got.isEmpty()) {
                lastId = got.get(got.size() - 1).lastEventId();
            }
            if (received.size() < EVENTS) {
                current = SseClient.open(hub.stream(List.of("left", "right"), null), Map.of("Last-Event-ID", lastId));
            }
        }
        publishing.join();

        assertThat(received).extracting(Event::type).containsOnly("message");
        assertThat(received).extracting(Event::lastEventId).containsExactlyElementsOf(expectedIds);
        List<String> expectedData = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expectedData.add(String.valueOf(i));
        }
        assertThat(received).extracting(Event::data).containsExactlyElementsOf(expectedData);
        // how many cuts land before the last event depends on how far the publisher runs ahead of
        // the reader, that is on the machine's speed: what must hold is that it did resume
        assertThat(connections).as("reconnections").isGreaterThanOrEqualTo(2);
    }
}
