package dev.ssehub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes over a server's real HTTP API with a bounded number of requests in flight. Each
 * event's data starts with this process's {@code System.nanoTime()} at sending, which
 * {@link Subscribers} reads back to measure publish-to-arrival latency.
 */
final class Publisher {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PubSubApi api;
    private final AtomicLong refused = new AtomicLong();

    Publisher(PubSubApi api) {
        this.api = api;
    }

    /** Publishes {@code count} events of about {@code size} bytes of data, as fast as they are accepted. */
    void burst(String topic, int count, int inFlight, int size) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            send(topic, i, size).whenComplete((response, failure) -> slots.release());
        }
        slots.acquire(inFlight);
    }

    /** Publishes {@code perSecond} events a second for {@code seconds}, on a fixed schedule. */
    void steady(String topic, int perSecond, int seconds, int size) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        CompletableFuture<?>[] sent = new CompletableFuture<?>[perSecond * seconds];
        for (int i = 0; i < sent.length; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent[i] = send(topic, i, size);
        }
        CompletableFuture.allOf(sent).join();
    }

    long refused() {
        return refused.get();
    }

    private CompletableFuture<HttpResponse<Void>> send(String topic, int sequence, int size) {
        StringBuilder data = new StringBuilder(size).append(System.nanoTime()).append(' ').append(sequence).append(' ');
        while (data.length() < size) {
            data.append('x');
        }
        return client.sendAsync(api.publish(topic, data.toString()), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || !api.accepted(response.statusCode())) {
                        refused.incrementAndGet();
                    }
                });
    }
}
