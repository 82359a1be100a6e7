package dev.ssehub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.BrowserPages;
import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HeadlessChromium;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.TcpProxy;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;

/**
 * The JavaScript client in Chromium, in both of its modes: a stream cut again and again while
 * events flow (a TCP proxy between the page and the hub drops every connection at once) hands
 * the page every event once and in order; after {@code close()} nothing reconnects; a token in
 * {@code fetch} mode brings private events that an anonymous {@code EventSource} never sees.
 */
@ExtendWith(ArquillianExtension.class)
class ClientIT {

    private static final int ROUNDS = 5;
    private static final int EVENTS_PER_ROUND = 60;

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.retry.millis", "200");
        settings.put("ssehub.credentials.warning.seconds", "2");
        return BrowserPages.hub("client", settings);
    }

    @Test
    void fetchModeHandsOverEveryEventOnceInOrderThroughCutsAndStopsOnClose() {
        everyEventOnceInOrderThroughCuts("fetch");
    }

    @Test
    void eventSourceModeHandsOverEveryEventOnceInOrderThroughCutsAndStopsOnClose() {
        everyEventOnceInOrderThroughCuts("eventsource");
    }

    private void everyEventOnceInOrderThroughCuts(String mode) {
        String topic = "cuts-" + mode;
        HubHttp hub = new HubHttp(base);
        try (TcpProxy proxy = new TcpProxy(base.getPort())) {
            chromium.open("http://127.0.0.1:" + proxy.port() + base.getPath() + "test/client.html?mode=" + mode
                    + "&topic=" + topic + "&retryMs=200");
            await().until(() -> opens() >= 1);

            List<String> published = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int first = published.size();
                int opensBefore = opens();
                CompletableFuture<List<String>> flow = CompletableFuture.supplyAsync(() -> publish(hub, topic, first));
                // cut once the page is taking this round's events, while the rest are still coming
                await().until(() -> received() > first || flow.isDone());
                proxy.cutAll();
                published.addAll(flow.join());
                await().until(() -> opens() > opensBefore);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> received() >= published.size());
            List<String> data = chromium.script("return window.__received.map(e => e.data);");
            List<String> ids = chromium.script("return window.__received.map(e => e.id);");
            assertThat(data).as("every event once, in order").containsExactlyElementsOf(published);
            assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
            // the browser itself logs each cut stream as a failed load; the page logs nothing
            assertThat(chromium.consoleErrors()).allMatch(error -> error.contains("/api/stream?") && error.contains("net::ERR_"));

            chromium.script("window.__hub.close();");
            int accepted = proxy.accepted();
            await().until(() -> hub.stats().getJsonObject("topics").getInt(topic, 0) == 0);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> proxy.accepted() == accepted);
            assertThat((String) chromium.script("return window.__hub.state;")).isEqualTo("closed");
        }
    }

    @Test
    void aStreamSilentForTwoHeartbeatsIsDroppedAndResumedInBothModes() {
        for (String mode : List.of("fetch", "eventsource")) {
            String topic = "silent-" + mode;
            HubHttp hub = new HubHttp(base);
            try (TcpProxy proxy = new TcpProxy(base.getPort())) {
                chromium.open("http://127.0.0.1:" + proxy.port() + base.getPath() + "test/client.html?mode=" + mode
                        + "&topic=" + topic + "&retryMs=200");
                await().until(() -> opens() >= 1);
                hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"before\"}");
                await().until(() -> received() >= 1);

                proxy.silenceAll(); // open, but nothing gets through: no close for the client to see
                hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"while silent\"}");

                // the hub beats every second here: the watchdog gives up after two and resumes
                await().atMost(Duration.ofSeconds(20)).until(() -> opens() >= 2);
                await().until(() -> received() >= 2);
                assertThat((List<String>) chromium.script("return window.__received.map(e => e.data);"))
                        .as(mode).containsExactly("before", "while silent");
                chromium.script("window.__hub.close();");
            }
        }
    }

    @Test
    void thePageHandsOverAFreshTokenWhenWarnedAndMissesNothingPrivate() {
        String topic = "renewed";
        String first = Deployments.TOKENS.subject("ann").subscribe(topic)
                .expiresAt(Instant.now().plusSeconds(4)).sign();
        String second = Deployments.TOKENS.subject("ann").subscribe(topic).sign();
        HubHttp hub = new HubHttp(base);
        chromium.open(base + "test/client.html?mode=fetch&topic=" + topic + "&token=" + first + "&renew=" + second);
        await().until(() -> opens() >= 1);
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"private\":true,\"data\":\"one\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> opens() >= 2);
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"private\":true,\"data\":\"two\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> received() >= 3);

        assertThat((List<String>) chromium.script("return window.__received.map(e => e.type);"))
                .containsExactly("message", "credentials-expiring", "message");
        assertThat((List<String>) chromium.script("return window.__received.filter(e => e.type === 'message').map(e => e.data);"))
                .containsExactly("one", "two");
        assertThat((String) chromium.script("return window.__hub.state;")).isEqualTo("open");
        chromium.script("window.__hub.close();");
    }

    @Test
    void aTokenInFetchModeBringsAPrivateEventThatAnAnonymousEventSourceNeverSees() {
        String topic = "secret";
        String token = Deployments.TOKENS.subject("ann").subscribe(topic).sign();
        HubHttp hub = new HubHttp(base);
        String page = base + "test/client.html?topic=" + topic;
        chromium.open(page + "&mode=fetch&token=" + token);
        String withToken = chromium.driver().getWindowHandle();
        await().until(() -> opens() >= 1);
        chromium.driver().switchTo().newWindow(WindowType.TAB);
        chromium.open(page + "&mode=eventsource");
        String anonymous = chromium.driver().getWindowHandle();
        await().until(() -> opens() >= 1);

        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"private\":true,\"data\":\"private\"}");
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"users\":[\"ann\"],\"data\":\"for ann\"}");
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":{\"public\":true}}");

        await().until(() -> received() >= 1);
        assertThat((List<String>) chromium.script("return window.__received.map(e => e.data);"))
                .containsExactly("{\"public\":true}");
        assertThat((Boolean) chromium.script("return window.__received[0].json.public;")).isTrue();
        chromium.driver().close();
        chromium.driver().switchTo().window(withToken);
        await().until(() -> received() >= 3);
        assertThat((List<String>) chromium.script("return window.__received.map(e => e.data);"))
                .containsExactly("private", "for ann", "{\"public\":true}");
        assertThat(anonymous).isNotEqualTo(withToken);
        chromium.script("window.__hub.close();");
    }

    private static List<String> publish(HubHttp hub, String topic, int first) {
        List<String> data = new ArrayList<>();
        for (int i = first; i < first + EVENTS_PER_ROUND; i++) {
            hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"event " + i + "\"}");
            data.add("event " + i);
        }
        return data;
    }

    private static int received() {
        return chromium.number("window.__received ? window.__received.length : -1").intValue();
    }

    private static int opens() {
        return chromium.number("window.__states ? window.__states.filter(s => s === 'open').length : 0").intValue();
    }
}
