package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streams per client address and per subject, publishes per second: 429 with Retry-After and a metric. */
@ExtendWith(ArquillianExtension.class)
class QuotasIT {

    private static final String ADMIN = Deployments.TOKENS.subject("ops").admin().sign();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.connections.per-address", "3");
        settings.put("ssehub.connections.per-subject", "2");
        settings.put("ssehub.publish.rate-per-subject", "1");
        // the tests' own address stands for a proxy, so X-Forwarded-For names the client
        settings.put("ssehub.proxies.trusted", "127.0.0.1");
        return Deployments.hub("quotas", settings);
    }

    @Test
    void aSubjectGetsAtMostItsStreamsAndAClosedOneGivesItsPlaceBack() {
        HubHttp hub = new HubHttp(base);
        String sam = Deployments.TOKENS.subject("sam").subscribe("*").sign();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                open.add(SseClient.open(hub.stream(List.of("q"), "access_token=" + sam),
                        Map.of("X-Forwarded-For", "10.1.0." + i)));
                assertThat(open.get(i).status()).isEqualTo(200);
            }
            try (SseClient third = SseClient.open(hub.stream(List.of("q"), "access_token=" + sam),
                    Map.of("X-Forwarded-For", "10.1.0.9"))) {
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.headers().firstValue("Retry-After")).isPresent();
                assertThat(third.errorBody()).contains("connections_per_subject").contains("ssehub.connections.per-subject");
            }
            open.remove(0).close();
            await().until(() -> {
                try (SseClient again = SseClient.open(hub.stream(List.of("q"), "access_token=" + sam),
                        Map.of("X-Forwarded-For", "10.1.0.8"))) {
                    return again.status() == 200;
                }
            });
        } finally {
            open.forEach(SseClient::close);
        }
        assertThat(hub.get("metrics", ADMIN).body()).contains("ssehub_limit_refusals_total{limit=\"connections_per_subject\"}");
    }

    @Test
    void aClientAddressBehindTheTrustedProxyGetsAtMostItsStreams() {
        HubHttp hub = new HubHttp(base);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                // a client may write anything before the proxy's own entry: only the last one counts
                open.add(SseClient.open(hub.stream(List.of("q"), null),
                        Map.of("X-Forwarded-For", "192.0.2." + i + ", 10.2.0.1")));
                assertThat(open.get(i).status()).isEqualTo(200);
            }
            try (SseClient fourth = SseClient.open(hub.stream(List.of("q"), null), Map.of("X-Forwarded-For", "10.2.0.1"))) {
                assertThat(fourth.status()).isEqualTo(429);
                assertThat(fourth.errorBody()).contains("connections_per_address");
            }
            try (SseClient otherClient = SseClient.open(hub.stream(List.of("q"), null),
                    Map.of("X-Forwarded-For", "10.2.0.2"))) {
                assertThat(otherClient.status()).isEqualTo(200);
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aSubjectPublishingFasterThanItsRateGets429() {
        HubHttp hub = new HubHttp(base);
        String eager = Deployments.TOKENS.subject("eager").publish("*").sign();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> publishes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            publishes.add(CompletableFuture.supplyAsync(() -> hub.publishJson(eager, "{\"topic\":\"q\",\"data\":\"x\"}")));
        }
        List<HttpResponse<String>> answers = publishes.stream().map(CompletableFuture::join).toList();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        // one a second, and one to start with: however slow this machine, 20 at once cannot all pass
        assertThat(answers.size() - refused.size()).isLessThanOrEqualTo((int) seconds + 2);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.body()).contains("publish_rate");
        });
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(202, 429));
    }
}
