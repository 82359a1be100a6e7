package dev.ssehub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.BrowserPages;
import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HeadlessChromium;
import dev.ssehub.testing.HubHttp;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The dashboard the WAR serves at its root, in Chromium: it loads without a console error, turns
 * open, shows what is published over REST, publishes from its form and shows a refusal as one,
 * drives its demos, is labelled for screen readers and fits a phone's width. It leaves a
 * screenshot at {@code target/dashboard.png}.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardIT {

    private static final String TOPIC = "dash";
    private static final String ADMIN = Deployments.TOKENS.subject("admin").publish("*").subscribe("*").admin().sign();

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BrowserPages.hub("dashboard", Deployments.baseSettings());
    }

    @Test
    void showsLiveEventsPublishesFromItsFormAndDrivesItsDemos() {
        HubHttp hub = new HubHttp(base);
        chromium.open(base + "?topic=" + TOPIC);
        await().until(() -> text("#status-text").equals("open"));
        assertThat(element("#status").getAttribute("class")).contains("open");
        assertThat(chromium.consoleErrors()).as("console errors on load").isEmpty();

        long sent = System.nanoTime();
        String id = hub.publishOk(Deployments.PUBLISHER,
                "{\"topic\":\"" + TOPIC + "\",\"event\":\"order\",\"data\":\"{\\\"item\\\":\\\"tea\\\",\\\"n\\\":2}\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events(id).isEmpty());
        // a figure, not an assertion: the deadline above is kept wide for slow machines
        System.out.printf("dashboard: a REST publish appeared after %d ms%n", (System.nanoTime() - sent) / 1_000_000);
        WebElement shown = events(id).get(0);
        assertThat(shown.getAttribute("data-type")).isEqualTo("order");
        assertThat(shown.findElement(By.cssSelector(".event-id")).getText()).contains(id);
        assertThat(shown.findElement(By.cssSelector(".event-data")).getText()).contains("\"item\": \"tea\"");

        publishFromTheForm("not-a-token", "refused");
        await().until(() -> String.valueOf(element("#publish-result").getAttribute("class")).contains("refused"));
        assertThat(text("#publish-result")).contains("401").contains("unauthorized");

        publishFromTheForm(ADMIN, "from the form");
        await().until(() -> String.valueOf(element("#publish-result").getAttribute("class")).contains("ok"));
        String formId = text("#publish-result").replaceAll("(?s).*?(\\d+-\\d+).*", "$1");
        await().until(() -> !events(formId).isEmpty());
        assertThat(events(formId).get(0).findElement(By.cssSelector(".event-data")).getText()).isEqualTo("from the form");

        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"event\":\"notification\","
                + "\"data\":\"{\\\"title\\\":\\\"Deploy\\\",\\\"message\\\":\\\"v2 is live\\\"}\"}");
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"event\":\"progress\","
                + "\"data\":\"{\\\"percent\\\":40,\\\"label\\\":\\\"copying\\\"}\"}");
        hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"" + TOPIC + "\",\"event\":\"log\","
                + "\"data\":\"{\\\"level\\\":\\\"INFO\\\",\\\"message\\\":\\\"cache warmed\\\",\\\"time\\\":\\\"12:00:00\\\"}\"}");
        await().until(() -> text("#notifications").contains("v2 is live"));
        await().until(() -> "40".equals(element("#progress").getAttribute("value")));
        await().until(() -> text("#log").contains("cache warmed"));

        chromium.script("window.scrollTo(0, 0);");
        chromium.screenshot(Path.of("target/dashboard.png"));
        // the browser logs the answers to the bad token the test typed; the page itself logs nothing
        assertThat(chromium.consoleErrors()).allMatch(error -> error.contains("status of 401"));
    }

    @Test
    void everyControlIsLabelledAndThePageFitsAPhone() {
        chromium.open(base + "?topic=" + TOPIC);
        await().until(() -> text("#status-text").equals("open"));
        List<String> unlabelled = chromium.script("return [...document.querySelectorAll('input, textarea, select, button')]"
                + ".filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')"
                + " && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))"
                + ".map(el => el.id || el.outerHTML);");
        assertThat(unlabelled).isEmpty();
        assertThat(element("#events").getAttribute("aria-live")).isNotNull();

        chromium.driver().manage().window().setSize(new Dimension(390, 900));
        await().until(() -> Boolean.TRUE.equals(chromium.script(
                "return document.documentElement.scrollWidth <= window.innerWidth;")));
        chromium.driver().manage().window().setSize(new Dimension(1280, 1000));
    }

    private static void publishFromTheForm(String token, String data) {
        type("#publish-token", token);
        type("#publish-topic", TOPIC);
        type("#publish-data", data);
        element("#publish-submit").click();
    }

    private static void type(String selector, String text) {
        WebElement field = element(selector);
        field.clear();
        field.sendKeys(text);
    }

    private static List<WebElement> events(String id) {
        return chromium.driver().findElements(By.cssSelector("#events li.event[data-id='" + id + "']"));
    }

    private static WebElement element(String selector) {
        return chromium.driver().findElement(By.cssSelector(selector));
    }

    private static String text(String selector) {
        List<WebElement> found = chromium.driver().findElements(By.cssSelector(selector));
        return found.isEmpty() ? "" : found.get(0).getText();
    }
}
