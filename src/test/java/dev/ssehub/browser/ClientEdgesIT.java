package dev.ssehub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.BrowserPages;
import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HeadlessChromium;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JavaScript client's edges in Chromium, each staged by the page against a server of its
 * own (a {@code fetch} option): {@code retry: 0}, a stream stalled after its headers, a
 * {@code 200} that is no event stream, {@code Retry-After} past a timer's range and as a date, a
 * token function that never settles, an answer after {@code close()}, a fetch that ignores its
 * signal, {@code '*'} in {@code eventsource} mode, and the default mode.
 */
@ExtendWith(ArquillianExtension.class)
class ClientEdgesIT {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BrowserPages.hub("edges", Deployments.baseSettings());
    }

    @Test
    void everyEdgeHolds() {
        chromium.open(base + "test/client-edges.html");
        await().atMost(Duration.ofSeconds(90)).until(() -> chromium.defined("window.__edgeResults"));

        List<Map<String, Object>> results = chromium.script("return window.__edgeResults;");
        assertThat(results).hasSize(10);
        assertThat(results).allSatisfy(result ->
                assertThat(result.get("ok")).as(result.get("name") + ": " + result.get("detail")).isEqualTo(true));
        assertThat(chromium.consoleErrors()).isEmpty();
    }
}
