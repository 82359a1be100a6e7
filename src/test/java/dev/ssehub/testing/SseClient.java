package dev.ssehub.testing;

import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.EventStreamParser.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A streaming subscriber over real HTTP (the JDK's client), reading the body as it arrives on a
 * thread of its own and parsing it as a browser would.
 */
public final class SseClient implements AutoCloseable {

    // HTTP/1.1 as a browser speaks it over plain http: the JDK's client would otherwise try an h2c
    // upgrade, which only some servers (Payara's Grizzly) accept
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final EventStreamParser parser = new EventStreamParser(events::add);
    private final Thread reader;
    private volatile String errorBody;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            errorBody = readAll(response.body());
            ended = true;
            reader = null;
            return;
        }
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri) {
        return open(uri, Map.of());
    }

    public static SseClient open(URI uri, Map<String, String> headers) {
        return open(HTTP, uri, headers);
    }

    /** Through a client of the test's own, e.g. one that speaks HTTP/2. */
    public static SseClient open(HttpClient http, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    /** The HTTP version the stream came over. */
    public HttpClient.Version version() {
        return response.version();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** The JSON body of a refusal. */
    public String errorBody() {
        return errorBody;
    }

    public int eventCount() {
        return events.size();
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<String> comments() {
        synchronized (parser) {
            return new ArrayList<>(parser.comments());
        }
    }

    public Long retry() {
        synchronized (parser) {
            return parser.retry();
        }
    }

    public boolean ended() {
        return ended;
    }

    /** Waits until at least {@code count} events have arrived, and returns them all. */
    public List<Event> awaitEvents(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= count);
        return events();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the stream is being abandoned anyway
        }
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (InputStream body = response.body()) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                synchronized (parser) {
                    parser.feed(buffer, 0, read);
                }
            }
        } catch (IOException closed) {
            // closed by the test or by the server
        } finally {
            ended = true;
        }
    }

    private static String readAll(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
