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
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stream lives as long as its token: warned before {@code exp}, closed at it, nothing private after. */
@ExtendWith(ArquillianExtension.class)
class TokenExpiryIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.credentials.warning.seconds", "5");
        settings.put("ssehub.jwt.clock-skew.seconds", "0");
        return Deployments.hub("expiry", settings);
    }

    @Test
    void aStreamIsWarnedThenClosedWhenItsTokenExpiresAndResumesWithAFreshOne() {
        HubHttp hub = new HubHttp(base);
        Instant expiry = Instant.now().plusSeconds(10);
        String shortLived = Deployments.TOKENS.subject("ann").subscribe("vault").expiresAt(expiry).sign();
        String privateEvent = "{\"topic\":\"vault\",\"private\":true,\"data\":\"secret\"}";
        try (SseClient stream = SseClient.open(hub.stream(List.of("vault"), "access_token=" + shortLived))) {
            await().until(() -> !stream.comments().isEmpty());
            String before = hub.publishOk(Deployments.PUBLISHER, privateEvent);
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().stream()
                    .anyMatch(event -> event.type().equals("credentials-expiring")));
            await().atMost(Duration.ofSeconds(20)).until(stream::ended);
            hub.publishOk(Deployments.PUBLISHER, privateEvent);

            List<Event> events = stream.events();
            assertThat(events).extracting(Event::type).containsExactly("message", "credentials-expiring");
            assertThat(events.get(0).lastEventId()).isEqualTo(before);
            assertThat(events.get(1).data()).isEqualTo("{\"exp\":" + expiry.getEpochSecond() + "}");
            assertThat(events.get(1).lastEventId()).as("a signal carries no id").isEqualTo(before);
            assertThat(Instant.now()).isAfterOrEqualTo(expiry.minusSeconds(1));

            String fresh = Deployments.TOKENS.subject("ann").subscribe("vault").sign();
            try (SseClient resumed = SseClient.open(hub.stream(List.of("vault"), "access_token=" + fresh),
                    Map.of("Last-Event-ID", before))) {
                assertThat(resumed.awaitEvents(1)).extracting(Event::data).containsExactly("secret");
            }
        }
    }

    @Test
    void anExpiredTokenOpensNoStream() {
        String expired = Deployments.TOKENS.subject("ann").subscribe("vault").expiresAt(Instant.now().minusSeconds(5)).sign();
        try (SseClient refused = SseClient.open(new HubHttp(base).stream(List.of("vault"), "access_token=" + expired))) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorBody()).doesNotContain(expired);
        }
    }
}
