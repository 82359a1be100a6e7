package dev.ssehub.bench;

import dev.ssehub.testing.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Runs the benchmark scenarios against the built WAR, each on a fresh server JVM, and prints one
 * line of JSON per scenario (also appended to target/bench-results.jsonl). The fan-out and
 * broadcast scenarios then run the same load against a peer, nchan on nginx, started for the
 * scenario alone, and add its figures and the ratios hub / nchan to the line.
 *
 * <pre>
 * mvn -Pbench                                  # every scenario at full size, on Jetty
 * mvn -Pbench -Dbench.args="--container=tomcat --only=fanout"
 * mvn -Pbench -Dbench.args=--smoke             # a few hundred connections, to keep it working
 * mvn -Pbench -Dbench.args=--peer=none         # the hub alone; the default measures nchan too where
 *                                              # nginx and ngx_nchan_module.so are installed
 * </pre>
 */
public final class BenchMain {

    /** {@code -Dbench.profile=true}: record the measured phase with JFR, into target/. */
    private static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final String SECRET = "benchmark-secret-0123456789abcdef-0123";
    private static final long GIB = 1024L * 1024 * 1024;
    /** The hub's default {@code ssehub.heartbeat.seconds}, which the fan-out and broadcast scenarios keep. */
    private static final int HUB_HEARTBEAT_SECONDS = 15;

    private final String container;
    private final boolean smoke;
    private final Optional<NchanInstallation> nchan;
    private final int port = 18200;
    private final String token = new Tokens(SECRET).subject("bench").publish("*").subscribe("*").admin().sign();
    private final Path results = Path.of("target", "bench-results.jsonl");

    private BenchMain(String container, boolean smoke, Optional<NchanInstallation> nchan) {
        this.container = container;
        this.smoke = smoke;
        this.nchan = nchan;
    }

    public static void main(String[] args) throws Exception {
        String container = "jetty";
        boolean smoke = false;
        String peer = "auto";
        List<String> only = List.of("idle", "fanout", "broadcast", "h2", "slow", "churn", "cluster");
        for (String arg : args) {
            if (arg.startsWith("--container=")) {
                container = arg.substring("--container=".length());
            } else if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--only=")) {
                only = List.of(arg.substring("--only=".length()).split(","));
            } else if (arg.startsWith("--peer=")) {
                peer = arg.substring("--peer=".length());
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        BenchMain bench = new BenchMain(container, smoke, nchan(peer));
        for (String scenario : only) {
            switch (scenario) {
                case "idle" -> bench.idle();
                case "fanout" -> bench.fanOut("fanout", 0, 1_048_576);
                case "broadcast" -> bench.broadcast();
                case "slow" -> bench.fanOut("slow", 10, 65_536);
                case "churn" -> bench.churn();
                case "cluster" -> new ClusterScenario(container, smoke).run();
                case "h2" -> bench.http2();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
    }

    /** The peer to measure beside the hub: nchan unless {@code none}, and by default only where it is installed. */
    private static Optional<NchanInstallation> nchan(String peer) {
        switch (peer) {
            case "none":
                return Optional.empty();
            case "nchan":
                return Optional.of(NchanInstallation.find().orElseThrow(() -> new IllegalStateException(
                        "--peer=nchan: no nginx on the PATH, or no ngx_nchan_module.so beside it")));
            case "auto":
                Optional<NchanInstallation> found = NchanInstallation.find();
                if (found.isEmpty()) {
                    System.out.println("Note: nchan is not measured beside the hub: no nginx on the PATH, or no"
                            + " ngx_nchan_module.so (Debian: nginx-light, libnginx-mod-nchan). --peer=none skips it"
                            + " without this note.");
                }
                return found;
            default:
                throw new IllegalArgumentException("unknown peer " + peer + "; nchan or none");
        }
    }

    /**
     * Memory per idle stream, after each has had one event and one heartbeat. Each size gets a
     * fresh server: memory a JVM has once held stays resident, and would hide the next size's cost.
     * nchan takes the same streams afterwards, on a fresh nginx too.
     */
    private void idle() throws Exception {
        int[] sizes = smoke ? new int[] {200} : new int[] {1_000, 10_000, 19_000};
        int heartbeatSeconds = 5;
        for (int size : sizes) {
            Map<String, Object> figures = figures("idle");
            try (ServerProcess server = start(Map.of("ssehub.heartbeat.seconds", String.valueOf(heartbeatSeconds)));
                    Subscribers subscribers = subscribers()) {
                Publisher publisher = publisher();
                warmUp(subscribers, publisher, hubApi());
                ServerProcess.Memory before = server.memoryAfterGc();
                if (Boolean.getBoolean("bench.nmt")) {
                    Files.writeString(Path.of("target", "bench-idle-" + container + "-" + size + "-nmt-before.txt"),
                            server.nativeMemory());
                }
                long deliveredBefore = subscribers.delivered();
                long commentsBefore = subscribers.comments();
                subscribers.open("/api/stream?topic=idle", size, 500, false);
                publisher.burst("idle", 1, 1, 100);
                Subscribers.await(() -> subscribers.delivered() >= deliveredBefore + size, 60, "the event");
                // the ": ok" that opens each stream, and then one heartbeat each
                Subscribers.await(() -> subscribers.comments() >= commentsBefore + 2L * size, 30, "a heartbeat");
                ServerProcess.Memory after = server.memoryAfterGc();
                Files.writeString(Path.of("target", "bench-idle-" + container + "-" + size + "-histogram.txt"),
                        server.classHistogram());
                if (Boolean.getBoolean("bench.nmt")) {
                    Files.writeString(Path.of("target", "bench-idle-" + container + "-" + size + "-nmt-after.txt"),
                            server.nativeMemory());
                }
                long heap = (after.heapUsed() - before.heapUsed()) / size;
                long offHeap = (after.offHeap() - before.offHeap()) / size;
                figures.put("subscribers", size);
                figures.put("heapAfterGcBytesPerSubscriber", heap);
                figures.put("offHeapBytesPerSubscriber", offHeap);
                figures.put("processBytesPerSubscriber", heap + offHeap);
                figures.put("rssGrowthBytesPerSubscriber", (after.rss() - before.rss()) / size);
                figures.put("projectedSubscribersOn16GiB", heap + offHeap > 0 ? 16 * GIB / (heap + offHeap) : -1);
            }
            comparePeer(figures, heartbeatSeconds, nchan -> idleOnNchan(nchan, size));
            report(figures);
        }
    }

    /** nchan's side of {@link #idle}: how much its processes grow per stream, one event and one ping each. */
    private static Map<String, Object> idleOnNchan(NchanServer server, int size) throws Exception {
        NchanApi api = server.api();
        try (Subscribers subscribers = new Subscribers(api.address())) {
            Publisher publisher = new Publisher(api);
            warmUp(subscribers, publisher, api);
            long before = server.residentBytes();
            long deliveredBefore = subscribers.delivered();
            long commentsBefore = subscribers.comments();
            subscribers.open(api.streamPath("idle"), size, 500, false);
            publisher.burst("idle", 1, 1, 100);
            Subscribers.await(() -> subscribers.delivered() >= deliveredBefore + size, 60, "the event");
            // the ": hi" that opens each stream, and then one ping each
            Subscribers.await(() -> subscribers.comments() >= commentsBefore + 2L * size, 30, "a ping");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("subscribers", size);
            figures.put("rssGrowthBytesPerSubscriber", (server.residentBytes() - before) / size);
            return figures;
        }
    }

    /**
     * One topic, many subscribers, events published as fast as the server accepts them (16 in
     * flight). Without stalled clients, nchan takes the same load afterwards.
     */
    private void fanOut(String name, int stalled, int clientBuffer) throws Exception {
        int subscriberCount = smoke ? 200 : 1_000;
        int events = smoke ? 200 : 2_000;
        Map<String, Object> figures = figures(name);
        try (ServerProcess server = start(Map.of("ssehub.client.buffer.bytes", String.valueOf(clientBuffer)));
                Subscribers subscribers = subscribers();
                Subscribers stalledOnes = subscribers()) {
            HubApi api = hubApi();
            Publisher publisher = new Publisher(api);
            HubStats stats = stats();
            warmUp(subscribers, publisher, api);
            subscribers.open(api.streamPath("fan"), subscriberCount, 500, false);
            if (stalled > 0) {
                stalledOnes.open(api.streamPath("fan"), stalled, stalled, true);
                Subscribers.await(() -> stats.number("connections") == subscriberCount + stalled, 30, "stalled streams");
            }
            figures.put("subscribers", subscriberCount);
            figures.put("stalledSubscribers", stalled);
            figures.put("events", events);
            figures.putAll(fanOutLoad(server, subscribers, publisher, subscriberCount, events));
            if (stalled > 0) {
                // The socket buffers of a stalled client hold a few MiB before the hub's own queue
                // fills: keep the same load going until each stalled client is closed.
                int more = 0;
                while (stats.number("slowClientsClosed") < stalled && more < 40 * events) {
                    publisher.burst("fan", events, 16, 100);
                    more += events;
                }
                awaitQuietly(() -> stats.number("slowClientsClosed") >= stalled, 30);
                figures.put("stalledClosed", stats.number("slowClientsClosed"));
                figures.put("eventsBeforeStalledWereClosed", events + more);
                figures.put("heapAfterGcMiB", server.memoryAfterGc().heapUsed() / (1024 * 1024));
            }
            figures.put("publishRefused", publisher.refused());
        }
        if (stalled == 0) {
            comparePeer(figures, HUB_HEARTBEAT_SECONDS, server -> {
                NchanApi api = server.api();
                try (Subscribers subscribers = new Subscribers(api.address())) {
                    Publisher publisher = new Publisher(api);
                    warmUp(subscribers, publisher, api);
                    subscribers.open(api.streamPath("fan"), subscriberCount, 500, false);
                    Map<String, Object> peer = new LinkedHashMap<>();
                    peer.put("subscribers", subscriberCount);
                    peer.put("events", events);
                    peer.putAll(fanOutLoad(server, subscribers, publisher, subscriberCount, events));
                    peer.put("publishRefused", publisher.refused());
                    return peer;
                }
            });
        }
        report(figures);
    }

    /** Publishes {@code events} as fast as they are taken to subscribers already open, and measures their delivery. */
    private static Map<String, Object> fanOutLoad(MeasuredServer server, Subscribers subscribers, Publisher publisher,
            int subscriberCount, int events) throws Exception {
        subscribers.takeLatency();
        long expected = (long) subscriberCount * events;
        long deliveredBefore = subscribers.delivered();
        long cpuBefore = server.cpuNanos();
        long start = System.nanoTime();
        publisher.burst("fan", events, 16, 100);
        boolean complete = awaitQuietly(() -> subscribers.delivered() - deliveredBefore >= expected, 120);
        long elapsed = System.nanoTime() - start;
        long cpu = server.cpuNanos() - cpuBefore;
        long delivered = subscribers.delivered() - deliveredBefore;
        Histogram latency = subscribers.takeLatency();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("deliveriesPerSecond", Math.round(delivered / (elapsed / 1e9)));
        figures.put("serverCpuMicrosPerDelivery", round(cpu / 1e3 / Math.max(1, delivered)));
        figures.put("lost", expected - delivered);
        figures.put("complete", complete);
        putLatency(figures, latency);
        return figures;
    }

    /**
     * Many subscribers, a steady 5 events a second: how long each event takes to reach everyone.
     * nchan takes the same load afterwards.
     */
    private void broadcast() throws Exception {
        int subscriberCount = smoke ? 200 : 10_000;
        int seconds = smoke ? 3 : 30;
        int rate = 5;
        Map<String, Object> figures = figures("broadcast");
        try (ServerProcess server = start(Map.of())) {
            figures.putAll(broadcastLoad(server, hubApi(), subscriberCount, rate, seconds));
        }
        comparePeer(figures, HUB_HEARTBEAT_SECONDS, server -> broadcastLoad(server, server.api(), subscriberCount, rate,
                seconds));
        report(figures);
    }

    /**
     * The broadcast's load at a tenth of its size, on one hub, over HTTP/1.1 (a TCP connection a
     * stream) and over h2c (a hundred streams a connection, JDK HttpClient), alternating, two
     * rounds each. The h2c subscribers are a heavier client than the raw one, so its latency
     * includes more client work; the server's CPU per delivery compares the servers' paths.
     */
    private void http2() throws Exception {
        int subscriberCount = smoke ? 200 : 1_000;
        int seconds = smoke ? 3 : 20;
        int rate = 5;
        int perConnection = 100;
        Map<String, Object> figures = figures("h2");
        try (ServerProcess server = start(Map.of())) {
            for (int round = 1; round <= (smoke ? 1 : 2); round++) {
                try (Subscribers http1 = subscribers()) {
                    figures.put("http1Round" + round, broadcastLoad(server, hubApi(), http1, subscriberCount, rate, seconds));
                }
                try (H2Subscribers h2 = new H2Subscribers(hubApi().address(), perConnection)) {
                    Map<String, Object> h2Figures = broadcastLoad(server, hubApi(), h2, subscriberCount, rate, seconds);
                    h2Figures.put("connections", h2.connections());
                    h2Figures.put("streamsPerConnection", subscriberCount / Math.max(1, h2.connections()));
                    figures.put("h2Round" + round, h2Figures);
                }
            }
        }
        Map<String, Object> ratio = new LinkedHashMap<>();
        for (String figure : List.of("latencyP50Ms", "latencyP99Ms", "serverCpuMicrosPerDelivery")) {
            ratio.put(figure, round(mean(figures, "h2Round", figure) / mean(figures, "http1Round", figure)));
        }
        figures.put("ratioH2OverHttp1", ratio);
        report(figures);
    }

    /** The mean of {@code figure} over the rounds named {@code prefix + n}. */
    @SuppressWarnings("unchecked")
    private static double mean(Map<String, Object> figures, String prefix, String figure) {
        return figures.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .mapToDouble(entry -> ((Number) ((Map<String, Object>) entry.getValue()).get(figure)).doubleValue())
                .average().orElse(Double.NaN);
    }

    private Map<String, Object> broadcastLoad(MeasuredServer server, PubSubApi api, int subscriberCount, int rate,
            int seconds) throws Exception {
        try (Subscribers subscribers = new Subscribers(api.address())) {
            return broadcastLoad(server, api, subscribers, subscriberCount, rate, seconds);
        }
    }

    private Map<String, Object> broadcastLoad(MeasuredServer server, PubSubApi api, StreamLoad subscribers,
            int subscriberCount, int rate, int seconds) throws Exception {
        Publisher publisher = new Publisher(api);
        warmUp(subscribers, publisher, api);
        subscribers.open(api.streamPath("wide"), subscriberCount);
        // The same load, unmeasured, first: the JIT compiles the lone-event path under the
        // scenario's own shape, which the small warm-up above does not have.
        int warmUpSeconds = smoke ? 1 : 10;
        long warmDeliveries = subscribers.delivered() + (long) subscriberCount * rate * warmUpSeconds;
        publisher.steady("wide", rate, warmUpSeconds, 100);
        awaitQuietly(() -> subscribers.delivered() >= warmDeliveries, 60);
        subscribers.takeLatency();
        long expected = (long) subscriberCount * rate * seconds;
        long deliveredBefore = subscribers.delivered();
        long cpuBefore = server.cpuNanos();
        long systemBefore = server.systemCpuNanos();
        // only the hub's JVM can record a flight recording
        ServerProcess recorded = PROFILE && server instanceof ServerProcess hub ? hub : null;
        if (recorded != null) {
            recorded.startRecording(Path.of("target", "bench-broadcast-" + container + ".jfr"));
        }
        publisher.steady("wide", rate, seconds, 100);
        if (recorded != null) {
            recorded.stopRecording();
        }
        awaitQuietly(() -> subscribers.delivered() - deliveredBefore >= expected, 60);
        long cpu = server.cpuNanos() - cpuBefore;
        long delivered = subscribers.delivered() - deliveredBefore;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("subscribers", subscriberCount);
        figures.put("eventsPerSecond", rate);
        figures.put("seconds", seconds);
        figures.put("lost", expected - delivered);
        putLatency(figures, subscribers.takeLatency());
        figures.put("serverCpuPercent", round(100.0 * cpu / (seconds * 1e9)));
        figures.put("serverKernelShareOfCpuPercent", round(100.0 * (server.systemCpuNanos() - systemBefore) / cpu));
        figures.put("serverCpuMicrosPerDelivery", round(cpu / 1e3 / Math.max(1, delivered)));
        // over the publishing window: the offered load sets it, so it falls short only by events lost
        figures.put("deliveriesPerSecond", Math.round((double) delivered / seconds));
        figures.put("publishRefused", publisher.refused());
        return figures;
    }

    /** A scenario's load on nchan; returns its figures. */
    @FunctionalInterface
    private interface PeerLoad {
        Map<String, Object> run(NchanServer server) throws Exception;
    }

    /**
     * Runs {@code load} on a fresh nchan, when there is one, and adds its figures as {@code peer}
     * and the ratios hub / nchan as {@code ratio} to the hub's {@code figures}.
     *
     * @param heartbeatSeconds how often nchan pings each stream: the hub's heartbeat in the scenario
     */
    private void comparePeer(Map<String, Object> figures, int heartbeatSeconds, PeerLoad load) throws Exception {
        if (nchan.isEmpty()) {
            return;
        }
        try (NchanServer server = NchanServer.start(nchan.get(), Path.of("target", "bench-nchan"), heartbeatSeconds)) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("name", "nchan");
            peer.put("version", server.version());
            peer.put("workers", server.workers());
            peer.putAll(load.run(server));
            figures.put("peer", peer);
            figures.put("ratio", PeerComparison.ratios(figures, peer));
        }
    }

    /** Connect and disconnect over and over: nothing may stay behind. */
    private void churn() throws Exception {
        int cycles = smoke ? 1_000 : Integer.getInteger("bench.churn.cycles", 100_000);
        int concurrent = 200;
        try (ServerProcess server = start(Map.of("ssehub.heartbeat.seconds", System.getProperty("bench.churn.heartbeat", "15")));
                Subscribers subscribers = subscribers()) {
            HubStats stats = stats();
            for (int i = 0; i < 5; i++) {
                subscribers.open("/api/stream?topic=churn", concurrent, concurrent, false);
                subscribers.closeAll();
            }
            Subscribers.await(() -> stats.number("connections") == 0, 60, "the warm-up streams to go");
            ServerProcess.Memory baseline = server.memoryAfterGc();
            long filesBefore = server.openFiles();
            Files.writeString(Path.of("target", "bench-churn-" + container + "-before-histogram.txt"), server.classHistogram());
            long start = System.nanoTime();
            for (int done = 0; done < cycles; done += concurrent) {
                subscribers.open("/api/stream?topic=churn", concurrent, concurrent, false);
                subscribers.closeAll();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean drained = awaitQuietly(() -> stats.number("connections") == 0, 60);
            ServerProcess.Memory after = server.memoryAfterGc();
            Files.writeString(Path.of("target", "bench-churn-" + container + "-after-histogram.txt"), server.classHistogram());
            Map<String, Object> figures = figures("churn");
            figures.put("cycles", cycles);
            figures.put("cyclesPerSecond", Math.round(cycles / seconds));
            figures.put("registryEmpty", drained && stats.document().contains("\"topics\":{}"));
            figures.put("connectionsAfter", stats.number("connections"));
            figures.put("serverOpenFilesBefore", filesBefore);
            figures.put("serverOpenFilesAfter", server.openFiles());
            figures.put("heapBaselineMiB", round(baseline.heapUsed() / 1048576.0));
            figures.put("heapAfterMiB", round(after.heapUsed() / 1048576.0));
            figures.put("heapGrowthPercent", round(100.0 * (after.heapUsed() - baseline.heapUsed()) / baseline.heapUsed()));
            report(figures);
        }
    }

    private static void warmUp(StreamLoad subscribers, Publisher publisher, PubSubApi api) throws InterruptedException {
        subscribers.open(api.streamPath("warm"), 50);
        long before = subscribers.delivered();
        publisher.burst("warm", 2_000, 16, 100);
        awaitQuietly(() -> subscribers.delivered() - before >= 50L * 2_000, 60);
        subscribers.closeAll();
        subscribers.takeLatency();
    }

    private ServerProcess start(Map<String, String> extra) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ssehub.jwt.secret", SECRET);
        settings.put("ssehub.connections.max", "20000");
        settings.putAll(extra);
        List<String> properties = new ArrayList<>();
        settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        return ServerProcess.start(container, port, "target/sse-hub.war", properties);
    }

    private HubApi hubApi() {
        return new HubApi(port, token);
    }

    private Subscribers subscribers() throws IOException {
        return new Subscribers(hubApi().address());
    }

    private Publisher publisher() {
        return new Publisher(hubApi());
    }

    private HubStats stats() {
        return new HubStats(port, token);
    }

    private static boolean awaitQuietly(java.util.function.BooleanSupplier condition, int seconds) {
        try {
            Subscribers.await(condition, seconds, "");
            return true;
        } catch (IllegalStateException timedOut) {
            return false;
        }
    }

    private Map<String, Object> figures(String scenario) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", scenario);
        figures.put("container", container);
        figures.put("smoke", smoke);
        return figures;
    }

    private static void putLatency(Map<String, Object> figures, Histogram latency) {
        figures.put("latencyP50Ms", round(latency.getValueAtPercentile(50) / 1e6));
        figures.put("latencyP99Ms", round(latency.getValueAtPercentile(99) / 1e6));
        figures.put("latencyMaxMs", round(latency.getMaxValue() / 1e6));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    private void report(Map<String, Object> figures) throws IOException {
        if (figures.get("peer") instanceof Map<?, ?> peer) {
            System.out.print(PeerComparison.table((String) figures.get("scenario"), "hub on " + container,
                    (String) peer.get("name"), figures, (Map<String, Object>) peer));
        }
        String line = JsonLine.of(figures);
        System.out.println(line);
        Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
