package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.ResumingSubscriber;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ssehub.stream.max-lifetime.seconds}: a stream ends by itself, cleanly, and a client that
 * resumes as {@code EventSource} does misses nothing and gets nothing twice while events flow.
 */
@ExtendWith(ArquillianExtension.class)
class StreamLifetimeIT {

    private static final int MAX_EVENTS = 9_000; // within the default history of 10,000

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.stream.max-lifetime.seconds", "1");
        settings.put("ssehub.stream.lifetime-jitter", "0.5");
        return Deployments.hub("lifetime", settings);
    }

    @Test
    void aStreamEndsCleanlyAfterItsLifetimeAndItsClientResumesMissingNothing() {
        HubHttp hub = new HubHttp(base);
        try (SseClient one = SseClient.open(hub.stream(List.of("once"), null))) {
            String id = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"once\",\"data\":\"before the end\"}");
            // the stream ends by itself, after what was queued: a clean end of the response, no reset
            await().atMost(Duration.ofSeconds(10)).until(one::ended);
            assertThat(one.events()).extracting(Event::lastEventId).containsExactly(id);
        }
    }

    @Test
    void eventsFlowingThroughSeveralLifetimesReachAResumingClientOnceAndInOrder() {
        HubHttp hub = new HubHttp(base);
        List<String> published = new ArrayList<>();
        try (ResumingSubscriber subscriber = new ResumingSubscriber(hub.stream(List.of("aging"), null))) {
            await().until(() -> subscriber.streamsOpened() >= 1);
            // publish until the subscriber has lived through two ends of its stream; a machine
            // that publishes the most the history holds before then waits, and publishes a few more
            while (subscriber.streamsOpened() < 3 && published.size() < MAX_EVENTS) {
                publish(hub, published);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.streamsOpened() >= 3);
            for (int i = 0; i < 10; i++) {
                publish(hub, published);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.events().size() >= published.size());

            assertThat(subscriber.streamsOpened()).isGreaterThanOrEqualTo(3);
            assertThat(subscriber.events()).extracting(Event::type).doesNotContain("gap");
            assertThat(subscriber.events()).extracting(Event::data).containsExactlyElementsOf(published);
        }
    }

    private static void publish(HubHttp hub, List<String> published) {
        String data = "event " + published.size();
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"aging\",\"data\":\"" + data + "\"}");
        published.add(data);
    }
}
