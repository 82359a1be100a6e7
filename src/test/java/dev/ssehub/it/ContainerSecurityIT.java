package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The documented container security of {@code examples/container-security}, used as it is: the
 * container authenticates BASIC against its own realm (Tomcat's MemoryRealm from
 * META-INF/context.xml, Jetty's HashLoginService from WEB-INF/jetty-ee10-web.xml), and the roles
 * {@code sse-subscriber}, {@code sse-publisher} and {@code sse-admin} grant the hub's rights.
 * The browser attaches those credentials to any request, so a publish from another origin is
 * refused however well authenticated.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSecurityIT {

    private static final Path EXAMPLE = Path.of("examples/container-security");
    private static final String TOPIC = "secured";
    private static final String APP = "https://app.example";
    private static final String EVIL = "https://evil.example";
    private static final Map<String, String> READER = basic("reader", "reader-password");
    private static final Map<String, String> WRITER = basic("writer", "writer-password");
    private static final Map<String, String> BOSS = basic("boss", "boss-password");

    @ArquillianResource
    @OperateOnDeployment("listed")
    private URL listed;

    @ArquillianResource
    @OperateOnDeployment("any")
    private URL any;

    @ArquillianResource
    @OperateOnDeployment("unsecured-any")
    private URL unsecuredAny;

    @Deployment(name = "listed", testable = false)
    static WebArchive listedOrigins() {
        return secured("secured", APP);
    }

    @Deployment(name = "any", testable = false)
    static WebArchive anyOrigin() {
        return secured("secured-any", "*");
    }

    /** The same origins setting without container security: only tokens. */
    @Deployment(name = "unsecured-any", testable = false)
    static WebArchive anyOriginWithoutContainerSecurity() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.cors.origins", "*");
        return Deployments.hub("unsecured-any", settings);
    }

    private static WebArchive secured(String name, String corsOrigins) {
        // read by the container's own XML (the realm), not by the hub; the container runs in this JVM
        System.setProperty("ssehub.realm.file", realmFile().toAbsolutePath().toString());
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.cors.origins", corsOrigins);
        return Deployments.hub(name, settings, Map.of(), Deployments.read(EXAMPLE.resolve("security-constraints.xml")))
                .addAsManifestResource(EXAMPLE.resolve("tomcat/context.xml").toFile(), "context.xml")
                .addAsWebInfResource(EXAMPLE.resolve("jetty/jetty-ee10-web.xml").toFile(), "jetty-ee10-web.xml");
    }

    private static Path realmFile() {
        return "tomcat".equals(System.getProperty("arquillian.launch"))
                ? EXAMPLE.resolve("tomcat/users.xml")
                : EXAMPLE.resolve("jetty/users.properties");
    }

    @Test
    void theContainerAsksForCredentialsAndLetsOnlyTheHubsRolesIn() {
        HubHttp hub = new HubHttp(listed);

        HttpResponse<String> stranger = hub.get("api/stream?topic=" + TOPIC, null);
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWithIgnoringCase("Basic").contains("realm=\"SSE Hub\"");
        assertThat(publish(hub, Map.of(), "{\"topic\":\"" + TOPIC + "\",\"data\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(hub.request("GET", "api/stats", null, basic("reader", "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(hub.request("GET", "api/stream", null, basic("guest", "guest-password")).statusCode())
                .as("a user with none of the hub's roles").isEqualTo(403);
        assertThat(hub.get("api/health", null).statusCode()).as("health stays open for load balancers").isEqualTo(200);
    }

    @Test
    void eachRoleGrantsItsRightsAndPrivateEventsGoToTheLoginName() {
        HubHttp hub = new HubHttp(listed);
        try (SseClient reader = SseClient.open(hub.stream(List.of(TOPIC), null), READER);
                SseClient boss = SseClient.open(hub.stream(List.of(TOPIC), null), BOSS)) {
            assertThat(reader.status()).isEqualTo(200);
            assertThat(boss.status()).isEqualTo(200);
            await().until(() -> !reader.comments().isEmpty() && !boss.comments().isEmpty());

            HttpResponse<String> byReader = publish(hub, READER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"x\"}");
            assertThat(byReader.statusCode()).as("sse-subscriber alone may not publish").isEqualTo(403);
            assertThat(error(byReader)).isEqualTo("forbidden");

            accepted(publish(hub, WRITER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"public\"}"));
            accepted(publish(hub, WRITER, "{\"topic\":\"" + TOPIC + "\",\"private\":true,\"data\":\"private\"}"));
            accepted(publish(hub, WRITER, "{\"topic\":\"" + TOPIC + "\",\"users\":[\"reader\"],\"data\":\"for-reader\"}"));
            accepted(publish(hub, WRITER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"end\"}"));

            assertThat(dataUpToEnd(reader)).containsExactly("public", "private", "for-reader");
            assertThat(dataUpToEnd(boss)).containsExactly("public", "private");
        }
        assertThat(hub.request("GET", "api/stats", null, WRITER).statusCode()).as("sse-publisher is not admin")
                .isEqualTo(403);
        assertThat(hub.request("GET", "api/stats", null, BOSS).statusCode()).isEqualTo(200);
        assertThat(hub.request("GET", "metrics", null, BOSS).statusCode()).isEqualTo(200);
    }

    @Test
    void aPublishWithTheUsersCredentialsFromAnotherOriginIsRefusedAndChangesNothing() {
        HubHttp hub = new HubHttp(listed);
        long before = published(hub);

        HttpResponse<String> forged = publish(hub, withOrigin(WRITER, EVIL), "{\"topic\":\"" + TOPIC + "\",\"data\":\"forged\"}");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(error(forged)).isEqualTo("cross_origin_refused");
        assertThat(published(hub)).isEqualTo(before);

        HttpResponse<String> fromApp = publish(hub, withOrigin(WRITER, APP), "{\"topic\":\"" + TOPIC + "\",\"data\":\"app\"}");
        accepted(fromApp);
        assertThat(fromApp.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(fromApp.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(published(hub)).isEqualTo(before + 1);

        HttpResponse<String> preflight = hub.request("OPTIONS", "api/events", null,
                Map.of("Origin", APP, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "Content-Type"));
        assertThat(preflight.statusCode()).as("a preflight carries no credentials").isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    }

    @Test
    void anyOriginMeansWithoutTheUsersCredentials() {
        HubHttp hub = new HubHttp(any);
        long before = published(hub);

        HttpResponse<String> forged = publish(hub, withOrigin(WRITER, EVIL), "{\"topic\":\"" + TOPIC + "\",\"data\":\"forged\"}");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(error(forged)).isEqualTo("cross_origin_refused");
        assertThat(HubHttp.json(forged.body()).asJsonObject().getString("message")).contains("Bearer");
        assertThat(published(hub)).isEqualTo(before);

        accepted(publish(hub, WRITER, "{\"topic\":\"" + TOPIC + "\",\"data\":\"curl\"}"));
        assertThat(published(hub)).as("no Origin: not a browser").isEqualTo(before + 1);
    }

    @Test
    void anyOriginAdmitsAPageThatSendsItsOwnBearerToken() {
        HubHttp hub = new HubHttp(unsecuredAny);
        HttpResponse<String> fromAnyPage = hub.request("POST", "api/events", Deployments.PUBLISHER,
                Map.of("Origin", EVIL, "Content-Type", "application/json"), "{\"topic\":\"" + TOPIC + "\",\"data\":\"x\"}");
        accepted(fromAnyPage);
        assertThat(fromAnyPage.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(fromAnyPage.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    private static HttpResponse<String> publish(HubHttp hub, Map<String, String> headers, String json) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return hub.request("POST", "api/events", null, all, json);
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static long published(HubHttp hub) {
        HttpResponse<String> stats = hub.request("GET", "api/stats", null, BOSS);
        assertThat(stats.statusCode()).isEqualTo(200);
        return HubHttp.json(stats.body()).asJsonObject().getJsonNumber("published").longValue();
    }

    private static String error(HttpResponse<String> response) {
        JsonObject body = HubHttp.json(response.body()).asJsonObject();
        return body.getString("error");
    }

    private static List<String> dataUpToEnd(SseClient client) {
        await().until(() -> client.events().stream().anyMatch(event -> event.data().equals("end")));
        List<String> data = client.events().stream().map(Event::data).toList();
        return data.subList(0, data.indexOf("end"));
    }

    private static Map<String, String> withOrigin(Map<String, String> headers, String origin) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Origin", origin);
        return all;
    }

    private static Map<String, String> basic(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + credentials);
    }
}
