package dev.ssehub.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application in a real embedded Tomcat, over real HTTP: an order committed is
 * delivered to the hub's subscribers, one rolled back never is, and the application sees who
 * watches through the hub's lifecycle events.
 */
class OrdersAppIT {

    private static final String SECRET = "orders-example-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Tomcat tomcat;
    private static String base;

    @BeforeAll
    static void startTheApplication() throws Exception {
        // Narayana keeps its log here; the hub checks tokens with this secret
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", new File("target/tx-object-store").getAbsolutePath());
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", new File("target/tx-object-store").getAbsolutePath());
        System.setProperty("ssehub.jwt.secret", SECRET);
        System.setProperty("ssehub.heartbeat.seconds", "1");
        tomcat = new Tomcat();
        tomcat.setBaseDir(new File("target/tomcat").getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        File war = Stream.of(new File("target").listFiles())
                .filter(file -> file.isDirectory() && file.getName().startsWith("orders-")).findFirst().orElseThrow();
        tomcat.addWebapp("/shop", war.getAbsolutePath());
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop";
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void aCommittedOrderIsDeliveredAndARolledBackOneNever() throws Exception {
        try (Subscriber subscriber = new Subscriber(base + "/events/api/stream?topic=orders")) {
            await().until(() -> subscriber.lines.contains(": ok"));

            assertThat(order("tea", 2, false).statusCode()).isEqualTo(201);
            HttpResponse<String> declined = order("caviar", 1, true);
            assertThat(declined.statusCode()).isEqualTo(409);
            assertThat(declined.body()).contains("payment declined");
            assertThat(order("coffee", 3, false).statusCode()).isEqualTo(201);

            await().until(() -> subscriber.data().size() >= 2);
            assertThat(subscriber.data()).as(String.join("\n", subscriber.lines)).hasSize(2);
            assertThat(subscriber.data().get(0)).contains("\"item\":\"tea\"");
            assertThat(subscriber.data().get(1)).contains("\"item\":\"coffee\"");
            assertThat(subscriber.lines).contains("event: order-placed").noneMatch(line -> line.contains("caviar"));
        }
    }

    @Test
    void theApplicationSeesWhoWatches() throws Exception {
        try (Subscriber ann = new Subscriber(base + "/events/api/stream?topic=orders&access_token=" + token("ann"))) {
            await().until(() -> ann.lines.contains(": ok"));
            await().until(() -> get("/presence").contains("\"ann\":1"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !get("/presence").contains("\"ann\""));
    }

    private static HttpResponse<String> order(String item, int quantity, boolean fail) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/orders?item=" + item + "&quantity=" + quantity
                + "&fail=" + fail)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** An HS256 token for a subscriber, signed with the JDK alone. */
    private static String token(String subject) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                + ",\"sse\":{\"subscribe\":[\"orders\"]}}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = url.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        return header + "." + claims + "." + signature;
    }

    /** A stream read line by line as it arrives. */
    private static final class Subscriber implements AutoCloseable {

        final List<String> lines = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        Subscriber(String url) {
            response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(answer -> answer.body().forEach(lines::add));
        }

        List<String> data() {
            return lines.stream().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        }

        @Override
        public void close() {
            response.thenAccept(answer -> answer.body().close());
        }
    }
}
