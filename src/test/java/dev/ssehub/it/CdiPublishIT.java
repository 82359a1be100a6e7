package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application that embeds the hub publishes from its own code through CDI. */
@ExtendWith(ArquillianExtension.class)
class CdiPublishIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("cdi", Deployments.baseSettings(), Map.of("/orders", "dev.ssehub.probe.OrderServlet"));
    }

    @Test
    void aFiredPublicationAndAnInjectedHubBothReachAnHttpSubscriber() {
        HubHttp hub = new HubHttp(base);
        try (SseClient subscriber = SseClient.open(hub.stream(List.of("orders"), null))) {
            HttpResponse<String> fired = hub.post("orders?order=41", null, "application/x-www-form-urlencoded", "");
            HttpResponse<String> published = hub.post("orders?order=42&via=hub", null,
                    "application/x-www-form-urlencoded", "");

            assertThat(fired.statusCode()).isEqualTo(200);
            assertThat(published.statusCode()).isEqualTo(200);
            List<Event> events = subscriber.awaitEvents(2);
            assertThat(events).extracting(Event::data).containsExactly("shipped 41", "shipped 42");
            assertThat(events.get(1).lastEventId()).isEqualTo(published.body());
        }
    }
}
