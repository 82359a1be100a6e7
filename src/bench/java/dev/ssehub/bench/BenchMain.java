package dev.ssehub.bench;

import dev.ssehub.testing.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Runs the benchmark scenarios against the built WAR, each on a fresh server JVM, and prints one
 * line of JSON per scenario (also appended to target/bench-results.jsonl).
 *
 * <pre>
 * mvn -Pbench                                  # every scenario at full size, on Jetty
 * mvn -Pbench -Dbench.args="--container=tomcat --only=fanout"
 * mvn -Pbench -Dbench.args=--smoke             # a few hundred connections, to keep it working
 * </pre>
 */
public final class BenchMain {

    /** {@code -Dbench.profile=true}: record the measured phase with JFR, into target/. */
    private static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final String SECRET = "benchmark-secret-0123456789abcdef-0123";
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");
    private static final long GIB = 1024L * 1024 * 1024;

    private final String container;
    private final boolean smoke;
    private final int port = 18200;
    private final String token = new Tokens(SECRET).subject("bench").publish("*").subscribe("*").admin().sign();
    private final Path results = Path.of("target", "bench-results.jsonl");

    private BenchMain(String container, boolean smoke) {
        this.container = container;
        this.smoke = smoke;
    }

    public static void main(String[] args) throws Exception {
        String container = "jetty";
        boolean smoke = false;
        List<String> only = List.of("idle", "fanout", "broadcast", "slow", "churn");
        for (String arg : args) {
            if (arg.startsWith("--container=")) {
                container = arg.substring("--container=".length());
            } else if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--only=")) {
                only = List.of(arg.substring("--only=".length()).split(","));
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        BenchMain bench = new BenchMain(container, smoke);
        for (String scenario : only) {
            switch (scenario) {
                case "idle" -> bench.idle();
                case "fanout" -> bench.fanOut("fanout", 0, 1_048_576);
                case "broadcast" -> bench.broadcast();
                case "slow" -> bench.fanOut("slow", 10, 65_536);
                case "churn" -> bench.churn();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
    }

    /**
     * Memory per idle stream, after each has had one event and one heartbeat. Each size gets a
     * fresh server: memory a JVM has once held stays resident, and would hide the next size's cost.
     */
    private void idle() throws Exception {
        int[] sizes = smoke ? new int[] {200} : new int[] {1_000, 10_000, 19_000};
        for (int size : sizes) {
            try (ServerProcess server = start(Map.of("ssehub.heartbeat.seconds", "5"));
                    Subscribers subscribers = subscribers()) {
                Publisher publisher = publisher();
                warmUp(subscribers, publisher);
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
                Map<String, Object> figures = figures("idle");
                figures.put("subscribers", size);
                figures.put("heapAfterGcBytesPerSubscriber", heap);
                figures.put("offHeapBytesPerSubscriber", offHeap);
                figures.put("processBytesPerSubscriber", heap + offHeap);
                figures.put("rssGrowthBytesPerSubscriber", (after.rss() - before.rss()) / size);
                figures.put("projectedSubscribersOn16GiB", heap + offHeap > 0 ? 16 * GIB / (heap + offHeap) : -1);
                report(figures);
            }
        }
    }

    /** One topic, many subscribers, events published as fast as the hub accepts them (16 in flight). */
    private void fanOut(String name, int stalled, int clientBuffer) throws Exception {
        int subscriberCount = smoke ? 200 : 1_000;
        int events = smoke ? 200 : 2_000;
        try (ServerProcess server = start(Map.of("ssehub.client.buffer.bytes", String.valueOf(clientBuffer)));
                Subscribers subscribers = subscribers();
                Subscribers stalledOnes = subscribers()) {
            Publisher publisher = publisher();
            warmUp(subscribers, publisher);
            subscribers.open("/api/stream?topic=fan", subscriberCount, 500, false);
            if (stalled > 0) {
                stalledOnes.open("/api/stream?topic=fan", stalled, stalled, true);
                Subscribers.await(() -> stat(publisher, "connections") == subscriberCount + stalled, 30, "stalled streams");
            }
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
            Map<String, Object> figures = figures(name);
            figures.put("subscribers", subscriberCount);
            figures.put("stalledSubscribers", stalled);
            figures.put("events", events);
            figures.put("deliveriesPerSecond", Math.round(delivered / (elapsed / 1e9)));
            figures.put("serverCpuMicrosPerDelivery", round(cpu / 1e3 / Math.max(1, delivered)));
            figures.put("lost", expected - delivered);
            figures.put("complete", complete);
            putLatency(figures, latency);
            if (stalled > 0) {
                // The socket buffers of a stalled client hold a few MiB before the hub's own queue
                // fills: keep the same load going until each stalled client is closed.
                int more = 0;
                while (stat(publisher, "slowClientsClosed") < stalled && more < 40 * events) {
                    publisher.burst("fan", events, 16, 100);
                    more += events;
                }
                awaitQuietly(() -> stat(publisher, "slowClientsClosed") >= stalled, 30);
                figures.put("stalledClosed", stat(publisher, "slowClientsClosed"));
                figures.put("eventsBeforeStalledWereClosed", events + more);
                figures.put("heapAfterGcMiB", server.memoryAfterGc().heapUsed() / (1024 * 1024));
            }
            figures.put("publishRefused", publisher.refused());
            report(figures);
        }
    }

    /** Many subscribers, a steady 5 events a second: how long each event takes to reach everyone. */
    private void broadcast() throws Exception {
        int subscriberCount = smoke ? 200 : 10_000;
        int seconds = smoke ? 3 : 30;
        int rate = 5;
        try (ServerProcess server = start(Map.of()); Subscribers subscribers = subscribers()) {
            Publisher publisher = publisher();
            warmUp(subscribers, publisher);
            subscribers.open("/api/stream?topic=wide", subscriberCount, 500, false);
            subscribers.takeLatency();
            long expected = (long) subscriberCount * rate * seconds;
            long deliveredBefore = subscribers.delivered();
            long cpuBefore = server.cpuNanos();
            long systemBefore = server.systemCpuNanos();
            if (PROFILE) {
                server.startRecording(Path.of("target", "bench-broadcast-" + container + ".jfr"));
            }
            publisher.steady("wide", rate, seconds, 100);
            if (PROFILE) {
                server.stopRecording();
            }
            awaitQuietly(() -> subscribers.delivered() - deliveredBefore >= expected, 60);
            long cpu = server.cpuNanos() - cpuBefore;
            long delivered = subscribers.delivered() - deliveredBefore;
            Map<String, Object> figures = figures("broadcast");
            figures.put("subscribers", subscriberCount);
            figures.put("eventsPerSecond", rate);
            figures.put("seconds", seconds);
            figures.put("lost", expected - delivered);
            putLatency(figures, subscribers.takeLatency());
            figures.put("serverCpuPercent", round(100.0 * cpu / (seconds * 1e9)));
            figures.put("serverKernelShareOfCpuPercent", round(100.0 * (server.systemCpuNanos() - systemBefore) / cpu));
            figures.put("serverCpuMicrosPerDelivery", round(cpu / 1e3 / Math.max(1, delivered)));
            report(figures);
        }
    }

    /** Connect and disconnect over and over: nothing may stay behind. */
    private void churn() throws Exception {
        int cycles = smoke ? 1_000 : Integer.getInteger("bench.churn.cycles", 100_000);
        int concurrent = 200;
        try (ServerProcess server = start(Map.of("ssehub.heartbeat.seconds", System.getProperty("bench.churn.heartbeat", "15")));
                Subscribers subscribers = subscribers()) {
            Publisher publisher = publisher();
            for (int i = 0; i < 5; i++) {
                subscribers.open("/api/stream?topic=churn", concurrent, concurrent, false);
                subscribers.closeAll();
            }
            Subscribers.await(() -> stat(publisher, "connections") == 0, 60, "the warm-up streams to go");
            ServerProcess.Memory baseline = server.memoryAfterGc();
            long filesBefore = server.openFiles();
            Files.writeString(Path.of("target", "bench-churn-" + container + "-before-histogram.txt"), server.classHistogram());
            long start = System.nanoTime();
            for (int done = 0; done < cycles; done += concurrent) {
                subscribers.open("/api/stream?topic=churn", concurrent, concurrent, false);
                subscribers.closeAll();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean drained = awaitQuietly(() -> stat(publisher, "connections") == 0, 60);
            ServerProcess.Memory after = server.memoryAfterGc();
            Files.writeString(Path.of("target", "bench-churn-" + container + "-after-histogram.txt"), server.classHistogram());
            Map<String, Object> figures = figures("churn");
            figures.put("cycles", cycles);
            figures.put("cyclesPerSecond", Math.round(cycles / seconds));
            figures.put("registryEmpty", drained && publisher.get("/api/stats").contains("\"topics\":{}"));
            figures.put("connectionsAfter", stat(publisher, "connections"));
            figures.put("serverOpenFilesBefore", filesBefore);
            figures.put("serverOpenFilesAfter", server.openFiles());
            figures.put("heapBaselineMiB", round(baseline.heapUsed() / 1048576.0));
            figures.put("heapAfterMiB", round(after.heapUsed() / 1048576.0));
            figures.put("heapGrowthPercent", round(100.0 * (after.heapUsed() - baseline.heapUsed()) / baseline.heapUsed()));
            report(figures);
        }
    }

    private void warmUp(Subscribers subscribers, Publisher publisher) throws InterruptedException {
        subscribers.open("/api/stream?topic=warm", 50, 50, false);
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

    private Subscribers subscribers() throws IOException {
        return new Subscribers(new InetSocketAddress("127.0.0.1", port));
    }

    private Publisher publisher() {
        return new Publisher(URI.create("http://127.0.0.1:" + port + "/"), token);
    }

    private static long stat(Publisher publisher, String name) {
        Matcher field = NUMBER_FIELD.matcher(publisher.get("/api/stats"));
        while (field.find()) {
            if (field.group(1).equals(name)) {
                return Long.parseLong(field.group(2));
            }
        }
        throw new IllegalStateException("no " + name + " in the stats");
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

    private void report(Map<String, Object> figures) throws IOException {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((key, value) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":");
            json.append(value instanceof String ? "\"" + value + "\"" : String.format(Locale.ROOT, "%s", value));
        });
        String line = json.append('}').toString();
        System.out.println(line);
        Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
