package dev.ssehub.hub;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The hub's figures as Micrometer meters, scraped in Prometheus text format at {@code /metrics}.
 * Counters read the broadcaster's own tallies when scraped, so the hot path pays nothing for
 * them; only publish-to-write latency is recorded as it happens.
 */
public final class HubMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Broadcaster broadcaster;
    private final MultiGauge topicSubscribers;
    private final Timer publishToWrite;

    HubMetrics(Broadcaster broadcaster) {
        this.broadcaster = broadcaster;
        Gauge.builder("ssehub.connections", broadcaster, b -> b.stats().connections())
                .description("open streams on this node").register(registry);
        counter("ssehub.events.published", "events published", b -> b.stats().published());
        counter("ssehub.events.delivered", "events queued for a stream, live", b -> b.stats().delivered());
        counter("ssehub.events.replayed", "events sent again to a stream that resumed", b -> b.stats().replayed());
        counter("ssehub.events.dropped", "events queued for a stream that was closed before they were written",
                b -> b.stats().dropped());
        counter("ssehub.slow.clients.closed", "streams closed for falling a whole buffer behind",
                b -> b.stats().slowClientsClosed());
        topicSubscribers = MultiGauge.builder("ssehub.topic.subscribers").description("open streams per topic")
                .register(registry);
        publishToWrite = Timer.builder("ssehub.publish.to.write")
                .description("from publishing an event to writing it to a stream")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** Called for every live frame written to a stream. */
    public void recordPublishToWrite(long nanos) {
        publishToWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        List<MultiGauge.Row<?>> rows = broadcaster.stats().topics().entrySet().stream()
                .<MultiGauge.Row<?>>map(topic -> MultiGauge.Row.of(Tags.of("topic", topic.getKey()), topic.getValue()))
                .toList();
        topicSubscribers.register(rows, true);
        return registry.scrape();
    }

    private void counter(String name, String description, ToDoubleFunction<Broadcaster> value) {
        FunctionCounter.builder(name, broadcaster, value).description(description).register(registry);
    }
}
