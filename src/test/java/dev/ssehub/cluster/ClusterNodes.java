package dev.ssehub.cluster;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.FreePort;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.Signals;
import dev.ssehub.testing.node.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two hub nodes on one Redis, as separate processes: the WAR on an embedded Tomcat (node a) and
 * on an embedded Jetty (node b). Either can be killed and started again on its port.
 */
final class ClusterNodes implements AutoCloseable {

    static final Path WAR = Path.of("target", "sse-hub.war");

    private final String redisUrl;
    private final String[] containers = {"tomcat", "jetty"};
    private final int[] ports = {FreePort.find(), FreePort.find()};
    private final NodeProcess[] nodes = new NodeProcess[2];
    private final Map<String, String> settings;
    private final Path war;

    ClusterNodes(String redisUrl) {
        this(redisUrl, Map.of());
    }

    /** @param settings hub settings for both nodes, over the tests' base settings */
    ClusterNodes(String redisUrl, Map<String, String> settings) {
        this(redisUrl, settings, WAR);
    }

    /** @param war the WAR both nodes run, e.g. one with the browser tests' pages */
    ClusterNodes(String redisUrl, Map<String, String> settings, Path war) {
        this.redisUrl = redisUrl;
        this.settings = settings;
        this.war = war;
    }

    ClusterNodes startAll() {
        start(0);
        start(1);
        return this;
    }

    void start(int node) {
        if (nodes[node] != null) {
            return;
        }
        // a node lives for one test class and is restarted within it: the client compiler starts it sooner
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        options.add("-Dssehub.redis.url=" + redisUrl);
        options.add("-Dssehub.node.id=node-" + (char) ('a' + node));
        Map<String, String> all = new LinkedHashMap<>(Deployments.baseSettings());
        all.putAll(settings);
        all.forEach((key, value) -> options.add("-D" + key + "=" + value));
        try {
            nodes[node] = NodeProcess.start(containers[node], ports[node], war, options,
                    Path.of("target", "cluster", "node-" + (char) ('a' + node) + "-" + containers[node] + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the node as a crash would. */
    void kill(int node) throws InterruptedException {
        nodes[node].kill();
        nodes[node] = null;
    }

    /** Freezes the node's JVM (SIGSTOP), as a long GC pause, a starved VM or a partition would. */
    void pause(int node) {
        Signals.send("STOP", nodes[node].pid());
    }

    void resume(int node) {
        Signals.send("CONT", nodes[node].pid());
    }

    /** Stops the node politely, as an operator's restart does. */
    void stop(int node) throws InterruptedException {
        nodes[node].close();
        nodes[node] = null;
    }

    int port(int node) {
        return ports[node];
    }

    List<Integer> ports() {
        return List.of(ports[0], ports[1]);
    }

    HubHttp http(int node) {
        return new HubHttp(url("http://127.0.0.1:" + ports[node] + "/"));
    }

    static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                stop(i);
            }
        }
    }
}
