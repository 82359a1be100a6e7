package dev.ssehub.hub;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The hub's figures as Micrometer meters, scraped in Prometheus text format at {@code /metrics},
 * beside the JVM's and the process's own (memory, GC, threads, classes, CPU, open files, uptime).
 * Counters read the hub's own tallies when scraped, so the hot path pays nothing for them; only
 * publish-to-write latency is recorded as it happens.
 *
 * <p>Topic names are chosen by clients, so per-topic series are bounded: the topics with the most
 * subscribers get a {@code topic} label each, up to {@code ssehub.metrics.max-topics}, and the rest
 * are summed under {@code topic="_other"}.
 */
public final class HubMetrics implements AutoCloseable {

    public static final String OTHER_TOPICS = "_other";

    /** What {@code /metrics} shows: the hub's meters and the JVM's. */
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Where the hub's own meters go: {@link #prometheus}, and the application's registry when it has one. */
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Hub hub;
    private final int maxTopics;
    private final MultiGauge topicSubscribers;
    private final Timer publishToWrite;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** A figure the history gives, or NaN while the cluster's Redis cannot tell: a scrape never fails. */
    private static double unlessDown(LongSupplier figure) {
        try {
            return figure.getAsLong();
        } catch (BackplaneUnavailableException down) {
            return Double.NaN;
        }
    }

    /** The refusals that are limits, each counted under its code. */
    private static final Set<String> LIMITS = Set.of("connections_per_address", "connections_per_subject",
            "publish_rate", "too_many_topics", "batch_too_large", "event_too_large", "payload_too_large",
            "too_many_connections");

    /** Counts a refusal under its code when it is one of the hub's limits; other refusals are not series. */
    public void refused(String code) {
        if (LIMITS.contains(code)) {
            registry.counter("ssehub.limit.refusals", "limit", code).increment();
        }
    }

    HubMetrics(Hub hub, int maxTopics) {
        this.hub = hub;
        this.maxTopics = maxTopics;
        registry.add(prometheus);
        Gauge.builder("ssehub.connections", hub, h -> h.stats().connections())
                .description("open streams on this node").register(registry);
        counter("ssehub.events.published", "events published", s -> s.stats().published());
        counter("ssehub.events.delivered", "events queued for a stream, live", s -> s.stats().delivered());
        counter("ssehub.events.replayed", "events sent again to a stream that resumed", s -> s.stats().replayed());
        counter("ssehub.events.dropped", "events queued for a stream that was closed before they were written",
                s -> s.stats().dropped());
        counter("ssehub.slow.clients.closed", "streams closed for falling a whole buffer behind",
                s -> s.stats().slowClientsClosed());
        Gauge.builder("ssehub.history.events", hub, h -> unlessDown(() -> h.log().size()))
                .description("events kept for replay").register(registry);
        Gauge.builder("ssehub.history.bytes", hub, h -> unlessDown(() -> h.log().bytes()))
                .description("encoded bytes of the events kept for replay").baseUnit("bytes").register(registry);
        Gauge.builder("ssehub.node", () -> 1).description("this node, by its ssehub.node.id")
                .tag("node", hub.settings().nodeId()).tag("backplane", hub.clustered() ? "redis" : "memory")
                .register(registry);
        Gauge.builder("ssehub.backplane.up", hub, h -> h.stats().backplane().equals("redis-down") ? 0 : 1)
                .description("1 while the backplane answers (always, on a single node)").register(registry);
        Gauge.builder("ssehub.follower.lag.events", hub, h -> h.stats().followerLagEvents())
                .description("events of the shared history not yet fanned out here (-1: Redis cannot count them)")
                .register(registry);
        Gauge.builder("ssehub.follower.lag", hub, h -> h.stats().followerLagMillis() / 1000.0)
                .description("how old the oldest event of the shared history not yet fanned out here is")
                .baseUnit("seconds").register(registry);
        topicSubscribers = MultiGauge.builder("ssehub.topic.subscribers").description("open streams per topic")
                .register(registry);
        publishToWrite = Timer.builder("ssehub.publish.to.write")
                .description("from publishing an event to writing it to a stream")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        // the JVM's meters stay in the hub's own registry: an application that has a registry binds
        // them there itself, and binding the GC's twice would count every collection twice
        new JvmMemoryMetrics().bindTo(prometheus);
        gc.bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmInfoMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
    }

    /**
     * Also publishes the hub's meters to the application's own registry (its CDI bean), beside
     * {@code /metrics}; the application keeps its registry and closes it itself.
     */
    public void alsoPublishTo(MeterRegistry application) {
        registry.add(application);
    }

    /** Called for every live frame written to a stream. */
    public void recordPublishToWrite(long nanos) {
        publishToWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        topicSubscribers.register(topicRows(hub.stats().topics()), true);
        return prometheus.scrape();
    }

    @Override
    public void close() {
        gc.close();
        for (MeterRegistry child : List.copyOf(registry.getRegistries())) {
            if (child != prometheus) {
                // the application's meters of the hub go with the hub; the registry stays the application's
                // by the id before the child's own filters (common tags...), which renamed them there
                registry.forEachMeter(meter -> child.removeByPreFilterId(meter.getId()));
                registry.remove(child);
            }
        }
        prometheus.close();
    }

    private List<MultiGauge.Row<?>> topicRows(Map<String, Integer> topics) {
        List<Map.Entry<String, Integer>> busiestFirst = new ArrayList<>(topics.entrySet());
        busiestFirst.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long others = 0;
        for (Map.Entry<String, Integer> topic : busiestFirst) {
            if (rows.size() < maxTopics) {
                rows.add(MultiGauge.Row.of(Tags.of("topic", topic.getKey()), topic.getValue()));
            } else {
                others += topic.getValue();
            }
        }
        if (busiestFirst.size() > maxTopics) {
            rows.add(MultiGauge.Row.of(Tags.of("topic", OTHER_TOPICS), others));
        }
        return rows;
    }

    private void counter(String name, String description, ToDoubleFunction<Hub> value) {
        FunctionCounter.builder(name, hub, value).description(description).register(registry);
    }
}
