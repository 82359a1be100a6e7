package dev.ssehub.bench;

import dev.ssehub.testing.RedisServer;
import dev.ssehub.testing.Tokens;
import dev.ssehub.testing.node.NodeProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * What the Redis backplane costs, in one line: two hub nodes joined by a real {@code redis-server}
 * against one node on its own (in-memory history), under the same load in the same run.
 *
 * <ul>
 * <li>{@code crossNode}: a steady 5 events a second published on node A and received on node B,
 * against the same load published and received on the single node; and the latency added.
 * <li>{@code deliveries}: fan-out as fast as the publisher is answered, subscribers half on A and
 * half on B, against the same subscribers all on the single node (in two halves there too, so the
 * load generator's side is the same), and the ratio two nodes / one.
 * <li>{@code appendsPerSecond}: what the one Redis Stream takes, through the hub (single events,
 * and batches of 100, 16 publishes in flight) and raw ({@code redis-benchmark} XADD, when it is
 * installed), with Redis's CPU per event.
 * </ul>
 *
 * <p>The Redis is {@link RedisServer}'s, which fsyncs its append-only file on every write, as a
 * production Redis that must not lose accepted events is set up; the raw figure is on that server.
 * Every figure is printed, none asserted.
 */
final class ClusterScenario {

    private static final int PORT_A = 18200;
    private static final int PORT_B = 18201;
    private static final int BATCH = 100;
    private static final int IN_FLIGHT = 16;
    private static final Pattern LOG_PROBLEM = Pattern.compile("\\b(SEVERE|ERROR|WARN|WARNING)\\b|Exception");
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

    private final String container;
    private final boolean smoke;
    private final String token = new Tokens(BenchMain.SECRET).subject("bench").publish("*").subscribe("*").admin().sign();
    private final Path results = Path.of("target", "bench-results.jsonl");

    ClusterScenario(String container, boolean smoke) {
        this.container = container;
        this.smoke = smoke;
    }

    void run() throws Exception {
        int wideSubscribers = smoke ? 100 : 1_000;
        int seconds = smoke ? 3 : 20;
        int rate = 5;
        int fanSubscribers = smoke ? 200 : 2_000;
        int fanEvents = smoke ? 100 : 1_000;
        int appends = smoke ? 2_000 : 50_000;
        int singleAppends = smoke ? 500 : 10_000;
        int rawRequests = smoke ? 20_000 : 200_000;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", "cluster");
        figures.put("container", container);
        figures.put("smoke", smoke);
        figures.put("cpus", Runtime.getRuntime().availableProcessors());
        figures.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        figures.put("redisVersion", redisVersion());
        figures.put("redisAppendfsync", "always");

        Map<String, Object> wideSingle;
        Map<String, Object> fanSingle;
        Map<String, Object> singlesAlone;
        HubApi apiA = new HubApi(PORT_A, token);
        HubApi apiB = new HubApi(PORT_B, token);
        try (Node single = Node.start(container, PORT_A, "single", List.of())) {
            warmUp(apiA, apiA);
            wideSingle = steadyLoad(single, apiA, apiA, wideSubscribers, rate, seconds);
            fanSingle = fanOut(single, apiA, apiA, apiA, fanSubscribers, fanEvents);
            HubStats stats = new HubStats(PORT_A, token);
            singlesAlone = appendThroughHub(PORT_A, stats, stats, single, 0, singleAppends, 1);
        }

        Map<String, Object> wideCluster;
        Map<String, Object> fanCluster;
        Map<String, Object> throughHub;
        Map<String, Object> singlesThroughHub;
        Map<String, Object> raw;
        Map<String, Object> nodes = new LinkedHashMap<>();
        try (RedisServer redis = new RedisServer().start()) {
            String url = "-Dssehub.redis.url=" + redis.url();
            try (Node a = Node.start(container, PORT_A, "bench-a", List.of(url, "-Dssehub.node.id=bench-a"));
                    Node b = Node.start(container, PORT_B, "bench-b", List.of(url, "-Dssehub.node.id=bench-b"))) {
                MeasuredServer both = new Both(a, b);
                HubStats statsA = new HubStats(PORT_A, token);
                HubStats statsB = new HubStats(PORT_B, token);
                warmUp(apiA, apiA, apiB);
                wideCluster = steadyLoad(both, apiA, apiB, wideSubscribers, rate, seconds);
                fanCluster = fanOut(both, apiA, apiA, apiB, fanSubscribers, fanEvents);
                singlesThroughHub = appendThroughHub(PORT_A, statsA, statsB, both, redis.port(), singleAppends, 1);
                throughHub = appendThroughHub(PORT_A, statsA, statsB, both, redis.port(), appends, BATCH);
                nodes.put("a", nodeState(statsA));
                nodes.put("b", nodeState(statsB));
            }
            raw = rawAppends(redis.port(), rawRequests);
        }

        Map<String, Object> crossNode = new LinkedHashMap<>();
        crossNode.put("subscribers", wideSubscribers);
        crossNode.put("eventsPerSecond", rate);
        crossNode.put("seconds", seconds);
        crossNode.put("cluster", wideCluster);
        crossNode.put("single", wideSingle);
        crossNode.put("addedLatencyP50Ms", round((double) wideCluster.get("latencyP50Ms") - (double) wideSingle.get("latencyP50Ms")));
        crossNode.put("addedLatencyP99Ms", round((double) wideCluster.get("latencyP99Ms") - (double) wideSingle.get("latencyP99Ms")));
        figures.put("crossNode", crossNode);

        Map<String, Object> deliveries = new LinkedHashMap<>();
        deliveries.put("subscribers", fanSubscribers);
        deliveries.put("events", fanEvents);
        deliveries.put("twoNodes", fanCluster);
        deliveries.put("oneNode", fanSingle);
        long one = (long) fanSingle.get("deliveriesPerSecond");
        deliveries.put("ratioTwoOverOne", one > 0 ? round((long) fanCluster.get("deliveriesPerSecond") / (double) one) : null);
        figures.put("deliveries", deliveries);

        Map<String, Object> appendsPerSecond = new LinkedHashMap<>();
        appendsPerSecond.put("hubSingleEvents", singlesThroughHub);
        appendsPerSecond.put("oneNodeSingleEvents", singlesAlone);
        appendsPerSecond.put("hub", throughHub);
        appendsPerSecond.put("raw", raw);
        figures.put("appendsPerSecond", appendsPerSecond);

        figures.put("nodes", nodes);
        Map<String, Object> logProblems = new LinkedHashMap<>();
        for (String name : List.of("single", "bench-a", "bench-b")) {
            logProblems.put(name, logProblems(Node.log(container, name)));
        }
        figures.put("serverLogProblemLines", logProblems);
        report(figures);
    }

    /** A steady {@code rate} events a second published at {@code publishTo}, received at {@code subscribeAt}. */
    private static Map<String, Object> steadyLoad(MeasuredServer server, HubApi publishTo, HubApi subscribeAt,
            int subscriberCount, int rate, int seconds) throws Exception {
        try (Subscribers subscribers = new Subscribers(subscribeAt.address())) {
            Publisher publisher = new Publisher(publishTo);
            subscribers.open(subscribeAt.streamPath("wide"), subscriberCount, 500, false);
            subscribers.takeLatency();
            long expected = (long) subscriberCount * rate * seconds;
            long deliveredBefore = subscribers.delivered();
            long cpuBefore = server.cpuNanos();
            publisher.steady("wide", rate, seconds, 100);
            boolean complete = awaitQuietly(() -> subscribers.delivered() - deliveredBefore >= expected, 60);
            long cpu = server.cpuNanos() - cpuBefore;
            long delivered = subscribers.delivered() - deliveredBefore;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("lost", expected - delivered);
            figures.put("complete", complete);
            putLatency(figures, subscribers.takeLatency());
            figures.put("serverCpuPercent", round(100.0 * cpu / (seconds * 1e9)));
            figures.put("publishRefused", publisher.refused());
            figures.put("subscribersEndedByServer", subscribers.endedByServer());
            return figures;
        }
    }

    /**
     * {@code events} published at {@code publishTo} as fast as they are answered (16 in flight),
     * half the subscribers at {@code firstHalf} and half at {@code secondHalf}, each half on a
     * selector thread of its own; the figures of {@code BenchMain.fanOutLoad}, over both halves.
     */
    private static Map<String, Object> fanOut(MeasuredServer server, HubApi publishTo, HubApi firstHalf,
            HubApi secondHalf, int subscriberCount, int events) throws Exception {
        int half = subscriberCount / 2;
        try (Subscribers first = new Subscribers(firstHalf.address());
                Subscribers second = new Subscribers(secondHalf.address())) {
            Publisher publisher = new Publisher(publishTo);
            first.open(firstHalf.streamPath("fan"), half, 500, false);
            second.open(secondHalf.streamPath("fan"), subscriberCount - half, 500, false);
            first.takeLatency();
            second.takeLatency();
            long expected = (long) subscriberCount * events;
            long deliveredBefore = first.delivered() + second.delivered();
            long cpuBefore = server.cpuNanos();
            long start = System.nanoTime();
            publisher.burst("fan", events, IN_FLIGHT, 100);
            boolean complete = awaitQuietly(
                    () -> first.delivered() + second.delivered() - deliveredBefore >= expected, 120);
            long elapsed = System.nanoTime() - start;
            long cpu = server.cpuNanos() - cpuBefore;
            long delivered = first.delivered() + second.delivered() - deliveredBefore;
            Histogram latency = first.takeLatency();
            latency.add(second.takeLatency());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("deliveriesPerSecond", Math.round(delivered / (elapsed / 1e9)));
            figures.put("serverCpuMicrosPerDelivery", round(cpu / 1e3 / Math.max(1, delivered)));
            figures.put("lost", expected - delivered);
            figures.put("complete", complete);
            putLatency(figures, latency);
            figures.put("publishRefused", publisher.refused());
            return figures;
        }
    }

    /**
     * {@code events} in batches of {@code batch} a POST (a lone event is a plain object, as most
     * publishers send it), 16 POSTs in flight, to the node on {@code port}: events a second the
     * hub accepted (202), and whether both nodes' followers then read them all.
     */
    private Map<String, Object> appendThroughHub(int port, HubStats statsA, HubStats statsB, MeasuredServer nodes,
            int redisPort, int events, int batch) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/events");
        long followedBeforeA = statsA.number("published");
        long followedBeforeB = statsB.number("published");
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        RedisInfo redisBefore = RedisInfo.of(redisPort);
        long cpuBefore = nodes.cpuNanos();
        long start = System.nanoTime();
        for (int sent = 0; sent < events; sent += batch) {
            int size = Math.min(batch, events - sent);
            String body = batch == 1 ? event(sent) : batchBody(sent, size);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            slots.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    accepted.addAndGet(size);
                } else {
                    refused.addAndGet(size);
                    firstRefusal.compareAndSet(null, failure != null ? String.valueOf(failure)
                            : response.statusCode() + " " + response.body());
                }
                slots.release();
            });
        }
        slots.acquire(IN_FLIGHT);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = nodes.cpuNanos() - cpuBefore;
        RedisInfo redisAfter = RedisInfo.of(redisPort);
        awaitQuietly(() -> statsA.number("published") - followedBeforeA >= accepted.get()
                && statsB.number("published") - followedBeforeB >= accepted.get(), 60);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", events);
        figures.put("batch", batch);
        figures.put("inFlight", IN_FLIGHT);
        figures.put("eventsPerSecond", Math.round(accepted.get() / seconds));
        figures.put("publishesPerSecond", Math.round(accepted.get() / (double) batch / seconds));
        figures.put("accepted", accepted.get());
        figures.put("refused", refused.get());
        if (firstRefusal.get() != null) {
            figures.put("firstRefusal", firstRefusal.get());
        }
        // where the time goes: both nodes' CPU, Redis's CPU, and Redis's own time in the append script
        figures.put("nodesCpuPercent", round(100.0 * cpu / (seconds * 1e9)));
        if (redisPort == 0) {
            return figures;
        }
        double redisCpu = redisAfter.cpuSeconds() - redisBefore.cpuSeconds();
        figures.put("redisCpuPercent", round(100.0 * redisCpu / seconds));
        // the appends and both nodes' follower reads, all of Redis's work for these events
        figures.put("redisCpuMicrosPerEvent", accepted.get() > 0 ? round(redisCpu * 1e6 / accepted.get()) : null);
        long scripts = redisAfter.calls("evalsha") - redisBefore.calls("evalsha");
        figures.put("redisScriptCalls", scripts);
        figures.put("redisMicrosPerScriptCall", scripts > 0
                ? round((double) (redisAfter.micros("evalsha") - redisBefore.micros("evalsha")) / scripts) : null);
        // a follower that fell more than ssehub.history.size behind would find events trimmed away
        figures.put("followedByA", statsA.number("published") - followedBeforeA);
        figures.put("followedByB", statsB.number("published") - followedBeforeB);
        return figures;
    }

    private static String batchBody(int first, int size) {
        StringBuilder body = new StringBuilder(size * 140).append('[');
        for (int i = 0; i < size; i++) {
            body.append(i > 0 ? "," : "").append(event(first + i));
        }
        return body.append(']').toString();
    }

    /** One event of about 100 bytes of data. */
    private static String event(int number) {
        StringBuilder data = new StringBuilder(100).append(System.nanoTime()).append(' ').append(number).append(' ');
        while (data.length() < 100) {
            data.append('x');
        }
        return "{\"topic\":\"append\",\"data\":\"" + data + "\"}";
    }

    /** {@code redis-benchmark} XADDs on the same Redis, pipelined 16 deep, when it is installed. */
    private static Map<String, Object> rawAppends(int port, int requests) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Optional<Path> tool = onPath("redis-benchmark");
        if (tool.isEmpty()) {
            figures.put("skipped", "redis-benchmark is not installed");
            return figures;
        }
        List<String> command = List.of(tool.get().toString(), "-p", String.valueOf(port), "-n", String.valueOf(requests),
                "-P", "16", "-q", "XADD", "benchstream", "*", "p", "x");
        figures.put("command", String.join(" ", command.subList(1, command.size())).replace(" * ", " '*' "));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = drain(process, 180);
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        String last = null;
        while (rate.find()) {
            last = rate.group(1);
        }
        if (last == null) {
            String[] lines = output.trim().split("[\r\n]+");
            figures.put("skipped", "no requests per second in its output: " + (lines.length > 0 ? lines[lines.length - 1] : ""));
        } else {
            figures.put("requestsPerSecond", Math.round(Double.parseDouble(last)));
        }
        return figures;
    }

    /** The process's whole output; it is killed if it takes longer than {@code seconds}. */
    private static String drain(Process process, int seconds) throws Exception {
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // what was read is all there is
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        return output.toString();
    }

    private static Optional<Path> onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String redisVersion() {
        Optional<Path> server = onPath("redis-server");
        if (server.isEmpty()) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(server.get().toString(), "--version").redirectErrorStream(true).start();
            Matcher version = Pattern.compile("v=(\\S+)").matcher(drain(process, 10));
            return version.find() ? version.group(1) : null;
        } catch (Exception unknown) {
            return null;
        }
    }

    private static Map<String, Object> nodeState(HubStats stats) {
        String document = stats.document();
        Matcher backplane = Pattern.compile("\"backplane\":\"([^\"]*)\"").matcher(document);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backplane", backplane.find() ? backplane.group(1) : null);
        figures.put("published", stats.number("published"));
        figures.put("delivered", stats.number("delivered"));
        figures.put("dropped", stats.number("dropped"));
        figures.put("slowClientsClosed", stats.number("slowClientsClosed"));
        return figures;
    }

    /** Lines of the node's log that name an error, a warning or an exception. */
    private static long logProblems(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> LOG_PROBLEM.matcher(line).find()).count();
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return -1;
        }
    }

    /** 50 streams on each of {@code subscribeAt} and 2,000 events published at {@code publishTo}. */
    private static void warmUp(HubApi publishTo, HubApi... subscribeAt) throws Exception {
        List<Subscribers> groups = new ArrayList<>();
        try {
            for (HubApi at : subscribeAt) {
                Subscribers subscribers = new Subscribers(at.address());
                groups.add(subscribers);
                subscribers.open(at.streamPath("warm"), 50, 50, false);
            }
            long before = groups.stream().mapToLong(Subscribers::delivered).sum();
            new Publisher(publishTo).burst("warm", 2_000, IN_FLIGHT, 100);
            long expected = 50L * 2_000 * groups.size();
            awaitQuietly(() -> groups.stream().mapToLong(Subscribers::delivered).sum() - before >= expected, 60);
        } finally {
            for (Subscribers subscribers : groups) {
                subscribers.close();
            }
        }
    }

    private static boolean awaitQuietly(BooleanSupplier condition, int seconds) {
        try {
            Subscribers.await(condition, seconds, "");
            return true;
        } catch (IllegalStateException timedOut) {
            return false;
        }
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
        String line = JsonLine.of(figures);
        System.out.println(line);
        Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** {@code INFO cpu commandstats} of a Redis, read over a socket of its own. */
    private record RedisInfo(String text) {

        static RedisInfo of(int port) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("INFO cpu commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                    head.append((char) b);
                }
                int length = Integer.parseInt(head.toString().trim().substring(1));
                return new RedisInfo(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException unreadable) {
                return new RedisInfo("");
            }
        }

        double cpuSeconds() {
            return field("used_cpu_user:([0-9.]+)") + field("used_cpu_sys:([0-9.]+)");
        }

        long calls(String command) {
            return (long) field("cmdstat_" + command + ":calls=([0-9]+)");
        }

        long micros(String command) {
            return (long) field("cmdstat_" + command + ":calls=[0-9]+,usec=([0-9]+)");
        }

        private double field(String pattern) {
            Matcher matcher = Pattern.compile(pattern).matcher(text);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        }
    }

    /**
     * A hub node in a JVM of its own, as {@link ServerProcess} starts it (same options), but with a
     * log of its own: two nodes of one container would otherwise write over each other's
     * {@code bench-server-<container>.log}.
     */
    private static final class Node implements MeasuredServer, AutoCloseable {

        private final NodeProcess process;

        private Node(NodeProcess process) {
            this.process = process;
        }

        static Node start(String container, int port, String name, List<String> settings) throws IOException {
            List<String> options = ServerProcess.jvmOptions();
            options.add("-Dssehub.jwt.secret=" + BenchMain.SECRET);
            options.add("-Dssehub.connections.max=20000");
            options.addAll(settings);
            return new Node(NodeProcess.start(container, port, Path.of("target", "sse-hub.war"), options,
                    log(container, name)));
        }

        static Path log(String container, String name) {
            return Path.of("target", "bench-server-" + container + "-" + name + ".log");
        }

        @Override
        public long cpuNanos() throws IOException {
            return ProcessCpu.of(process.pid()).total();
        }

        @Override
        public long systemCpuNanos() throws IOException {
            return ProcessCpu.of(process.pid()).system();
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /** Two nodes measured as one: their CPU times added. */
    private record Both(Node a, Node b) implements MeasuredServer {

        @Override
        public long cpuNanos() throws IOException {
            return a.cpuNanos() + b.cpuNanos();
        }

        @Override
        public long systemCpuNanos() throws IOException {
            return a.systemCpuNanos() + b.systemCpuNanos();
        }
    }
}
