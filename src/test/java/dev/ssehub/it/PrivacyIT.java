package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Private events and events for users reach only the connections that may see them. */
@ExtendWith(ArquillianExtension.class)
class PrivacyIT {

    private static final String PUBLISHER = Deployments.PUBLISHER;
    private static final String ANN = Deployments.TOKENS.subject("ann").subscribe("news").sign();
    private static final String BEN = Deployments.TOKENS.subject("ben").subscribe("sport").sign();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("privacy", Deployments.baseSettings());
    }

    @Test
    void liveEventsReachOnlyWhoMaySeeThem() {
        try (SseClient anonymous = SseClient.open(hub().stream(List.of("news"), null));
                SseClient ann = SseClient.open(hub().stream(List.of("news"), null), Map.of("Authorization", "Bearer " + ANN));
                SseClient annByQuery = SseClient.open(hub().stream(List.of("news"), "access_token=" + ANN));
                SseClient ben = SseClient.open(hub().stream(List.of("news"), null), Map.of("Authorization", "Bearer " + BEN))) {
            publishTheFour();

            assertThat(ann.awaitEvents(4)).extracting(Event::data).containsExactly("public", "private", "for ann", "end");
            assertThat(annByQuery.awaitEvents(4)).extracting(Event::data).containsExactly("public", "private", "for ann", "end");
            assertThat(anonymous.awaitEvents(2)).extracting(Event::data).containsExactly("public", "end");
            assertThat(ben.awaitEvents(2)).extracting(Event::data).containsExactly("public", "end");
        }
    }

    @Test
    void replayedEventsReachOnlyWhoMaySeeThem() {
        String before = hub().publishOk(PUBLISHER, "{\"topic\":\"news\",\"data\":\"before\"}");
        publishTheFour();

        Map<String, String> resume = Map.of("Last-Event-ID", before);
        try (SseClient anonymous = SseClient.open(hub().stream(List.of("news"), null), resume);
                SseClient ann = SseClient.open(hub().stream(List.of("news"), "access_token=" + ANN), resume);
                SseClient ben = SseClient.open(hub().stream(List.of("news"), "access_token=" + BEN), resume)) {
            assertThat(ann.awaitEvents(4)).extracting(Event::data).containsExactly("public", "private", "for ann", "end");
            assertThat(anonymous.awaitEvents(2)).extracting(Event::data).containsExactly("public", "end");
            assertThat(ben.awaitEvents(2)).extracting(Event::data).containsExactly("public", "end");
        }
    }

    @Test
    void aBadTokenIsRefusedNotTreatedAsAnonymous() {
        try (SseClient client = SseClient.open(hub().stream(List.of("news"), "access_token=garbage"))) {
            assertThat(client.status()).isEqualTo(401);
            assertThat(client.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    /** The last one is public, so that each stream's last expected event marks the end. */
    private void publishTheFour() {
        hub().publishOk(PUBLISHER, "{\"topic\":\"news\",\"data\":\"public\"}");
        hub().publishOk(PUBLISHER, "{\"topic\":\"news\",\"data\":\"private\",\"private\":true}");
        hub().publishOk(PUBLISHER, "{\"topic\":\"news\",\"data\":\"for ann\",\"users\":[\"ann\"]}");
        hub().publishOk(PUBLISHER, "{\"topic\":\"news\",\"data\":\"end\"}");
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
