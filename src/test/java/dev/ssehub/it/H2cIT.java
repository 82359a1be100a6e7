package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A client that asks for h2c, as the JDK's HttpClient does by default: the container grants HTTP/2
 * where it is set up for it (Payara's Grizzly is, out of the box; the embedded Jetty and Tomcat of
 * these tests are not, so they answer in HTTP/1.1, and the cluster's nodes test h2c on both), and
 * either way every stream gets every event and its heartbeat comments.
 */
@ExtendWith(ArquillianExtension.class)
class H2cIT {

    private static final int STREAMS = 10;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("h2c", Deployments.baseSettings());
    }

    @Test
    void streamsOverOneClientThatAsksForH2cGetEveryEventAndTheirHeartbeats() throws Exception {
        HubHttp hub = new HubHttp(base);
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI health = hub.uri("api/health");
        HttpResponse<String> upgraded = h2c.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.statusCode()).isEqualTo(200);
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(SseClient.open(h2c, hub.stream(List.of("h2c"), null), Map.of()));
            }
            assertThat(streams).extracting(SseClient::version).containsOnly(upgraded.version());
            await().until(() -> streams.stream().allMatch(stream -> !stream.comments().isEmpty()));
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                published.add(hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"h2c\",\"data\":\"" + i + "\"}"));
            }
            for (SseClient stream : streams) {
                assertThat(stream.awaitEvents(5)).extracting(Event::lastEventId).containsExactlyElementsOf(published);
            }
            // after ": ok", an empty comment every second (the tests' ssehub.heartbeat.seconds)
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.stream()
                    .allMatch(stream -> stream.comments().stream().filter(String::isEmpty).count() >= 2));
        } finally {
            streams.forEach(SseClient::close);
        }
    }
}
