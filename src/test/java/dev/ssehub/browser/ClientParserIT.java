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
 * The JavaScript client's event-stream parser, in Chromium, against the same table of tricky
 * streams that the server-side tests read the hub's output with: every row whole, cut in two at
 * every byte (inside a CRLF, inside a UTF-8 sequence) and a byte at a time.
 */
@ExtendWith(ArquillianExtension.class)
class ClientParserIT {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BrowserPages.hub("parser", Deployments.baseSettings());
    }

    @Test
    void passesEveryRowOfTheTableCutAtEveryByte() {
        chromium.open(base + "test/parser.html");
        await().atMost(Duration.ofSeconds(30)).until(() -> chromium.defined("window.__parserResults"));

        Map<String, Object> results = chromium.script("return window.__parserResults;");
        assertThat((List<?>) results.get("failures")).isEmpty();
        assertThat(((Number) results.get("rows")).intValue()).isGreaterThanOrEqualTo(36);
        assertThat(((Number) results.get("runs")).intValue()).isGreaterThan(1000);
        assertThat(chromium.consoleErrors()).isEmpty();
    }
}
