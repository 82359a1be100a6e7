package dev.ssehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.HdrHistogram.Histogram;

/**
 * SSE subscribers over h2c: the JDK's HttpClient, one client (so one TCP connection, upgraded
 * from HTTP/1.1 by its first request) for every {@code perConnection} streams, each stream an
 * HTTP/2 stream on it. Delays are measured as {@link Subscribers} measures them.
 */
final class H2Subscribers implements StreamLoad {

    private final URI base;
    private final int perConnection;
    private final List<HttpClient> clients = new ArrayList<>();
    private final Queue<Flow.Subscription> streams = new ConcurrentLinkedQueue<>();
    private final Arrivals arrivals = new Arrivals();

    H2Subscribers(InetSocketAddress server, int perConnection) {
        this.base = URI.create("http://" + server.getHostString() + ":" + server.getPort() + "/");
        this.perConnection = perConnection;
    }

    @Override
    public void open(String path, int count) {
        List<CompletableFuture<HttpResponse<Void>>> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpClient client = client(opened.size());
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                    .header("Accept", "text/event-stream").build();
            opened.add(client.sendAsync(request, info -> new Stream()));
        }
        for (CompletableFuture<HttpResponse<Void>> response : opened) {
            int status = response.join().statusCode();
            if (status != 200) {
                throw new IllegalStateException("a stream was refused: " + status);
            }
        }
    }

    /** The client for the stream at {@code index}; a new one upgrades its connection before it carries streams. */
    private HttpClient client(int index) {
        while (clients.size() <= index / perConnection) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            try {
                HttpResponse<Void> upgrade = client.send(HttpRequest.newBuilder(base.resolve("api/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (upgrade.version() != HttpClient.Version.HTTP_2) {
                    throw new IllegalStateException("the server does not speak h2c");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            clients.add(client);
        }
        return clients.get(index / perConnection);
    }

    int connections() {
        return clients.size();
    }

    @Override
    public long delivered() {
        return arrivals.delivered();
    }

    @Override
    public Histogram takeLatency() {
        return arrivals.takeLatency();
    }

    @Override
    public void closeAll() {
        Flow.Subscription stream;
        while ((stream = streams.poll()) != null) {
            stream.cancel();
        }
    }

    @Override
    public void close() {
        closeAll();
        clients.clear(); // their connections end when the JVM's selector threads see them unused
    }

    /** One stream's body, scanned as it arrives on the client's threads. */
    private final class Stream implements HttpResponse.BodySubscriber<Void>, DataLineScanner.Found {

        private final DataLineScanner scanner = new DataLineScanner(this);

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            streams.add(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    scanner.feed(buffer.get());
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // cancelled by closeAll, or the server ended it: the delivered count shows what was lost
        }

        @Override
        public void onComplete() {
            // the same
        }

        @Override
        public CompletionStage<Void> getBody() {
            // complete at once, so that the response is handed over with its headers, as ofInputStream's is
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void event(long sentNanos) {
            arrivals.arrived(sentNanos);
        }

        @Override
        public void comment() {
            // heartbeats are not measured here
        }
    }
}
