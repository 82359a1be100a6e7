package dev.ssehub.testing;

import dev.ssehub.testing.EventStreamParser.Event;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber that behaves as {@code EventSource} does: when its stream ends or cannot be opened,
 * it waits its retry delay and opens it again with {@code Last-Event-ID}, for as long as it lives.
 * It keeps every event it was given, repeats included, so that a test can see them.
 */
public final class ResumingSubscriber implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private static final long RETRY_MILLIS = 100;

    private final URI uri;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile String lastEventId;

    public ResumingSubscriber(URI uri) {
        this.uri = uri;
        reader = new Thread(this::readForever, "resuming-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public int streamsOpened() {
        return streamsOpened.get();
    }

    private void readForever() {
        while (!closed) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
                if (lastEventId != null) {
                    request.header("Last-Event-ID", lastEventId);
                }
                HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                if (response.statusCode() == 200) {
                    streamsOpened.incrementAndGet();
                    read(response.body());
                } else {
                    response.body().close();
                }
            } catch (IOException cut) {
                // the node or the proxy went away; try again, as a browser would
            } catch (InterruptedException e) {
                return;
            }
            pauseBeforeRetry();
        }
    }

    private void read(InputStream stream) throws IOException {
        EventStreamParser parser = new EventStreamParser(event -> {
            events.add(event);
            lastEventId = event.lastEventId();
        });
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while (!closed && (read = stream.read(buffer)) >= 0) {
                parser.feed(buffer, 0, read);
            }
        }
    }

    /** EventSource's reconnection delay: what a real client waits, not a test's synchronisation. */
    private void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream open = body;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // being abandoned anyway
            }
        }
        reader.interrupt();
    }
}
