package dev.ssehub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.BrowserPages;
import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HeadlessChromium;
import dev.ssehub.testing.HubHttp;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code useEventStream} for React and for Vue, each rendered in Chromium by the real library
 * from npm: live events show up in order, and unmounting closes the stream on the hub.
 */
@ExtendWith(ArquillianExtension.class)
class BindingsIT {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BrowserPages.hubWithLibraries("bindings", Deployments.baseSettings());
    }

    @Test
    void theReactHookShowsLiveEventsAndClosesTheStreamOnUnmount() {
        rendersLiveEventsAndCleansUp("react.html", "react-topic");
    }

    @Test
    void theVueComposableShowsLiveEventsAndClosesTheStreamOnUnmount() {
        rendersLiveEventsAndCleansUp("vue.html", "vue-topic");
    }

    private void rendersLiveEventsAndCleansUp(String page, String topic) {
        HubHttp hub = new HubHttp(base);
        chromium.open(base + "test/" + page + "?topic=" + topic);
        await().until(() -> chromium.defined("window.__ready") && text("#state").equals("open"));
        // one stream, also under React's StrictMode, whose first mount is undone at once
        await().until(() -> streamsOn(hub, topic) == 1);

        List<String> ids = new ArrayList<>();
        for (String data : List.of("one", "two", "three")) {
            ids.add(hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + topic + "\",\"data\":\"" + data + "\"}"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> items().size() == 3);
        // under types ['*'] the heartbeats (one a second here) are not collected: they would push events out
        await().atMost(Duration.ofSeconds(10)).until(() -> chromium.number("window.__beats ?? 0").intValue() >= 2);
        assertThat((List<String>) chromium.script("return window.__kept;")).containsExactly("message", "message", "message");
        assertThat(items()).extracting(WebElement::getText).containsExactly("one", "two", "three");
        assertThat(items()).extracting(item -> item.getAttribute("data-id")).containsExactlyElementsOf(ids);

        chromium.driver().findElement(By.id("unmount")).click();
        await().until(() -> Boolean.TRUE.equals(chromium.script("return window.__unmounted === true;")));
        assertThat(chromium.driver().findElements(By.id("state"))).isEmpty();
        await().until(() -> streamsOn(hub, topic) == 0);
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    private static List<WebElement> items() {
        return chromium.driver().findElements(By.cssSelector("#events li"));
    }

    private static String text(String selector) {
        List<WebElement> found = chromium.driver().findElements(By.cssSelector(selector));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static int streamsOn(HubHttp hub, String topic) {
        return hub.stats().getJsonObject("topics").getInt(topic, 0);
    }
}
