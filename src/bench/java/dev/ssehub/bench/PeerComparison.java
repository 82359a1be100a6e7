package dev.ssehub.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hub's figures of a scenario beside the peer's, and their ratios hub / peer: above 1 the
 * hub takes longer, more CPU or more memory, or delivers more a second. A scenario compares the
 * figures that both sides report.
 */
final class PeerComparison {

    /** The figures compared: their name among a scenario's figures, in the ratios, and in the table. */
    private enum Figure {
        P50("latencyP50Ms", "p50", "latency p50, ms"),
        P99("latencyP99Ms", "p99", "latency p99, ms"),
        MAX("latencyMaxMs", "max", "latency max, ms"),
        CPU("serverCpuMicrosPerDelivery", "cpuPerDelivery", "server CPU per delivery, us"),
        RATE("deliveriesPerSecond", "deliveriesPerSecond", "deliveries/s"),
        MEMORY("rssGrowthBytesPerSubscriber", "memoryPerSubscriber", "memory growth per stream, B");

        final String figure;
        final String ratio;
        final String label;

        Figure(String figure, String ratio, String label) {
            this.figure = figure;
            this.ratio = ratio;
            this.label = label;
        }
    }

    private PeerComparison() {
    }

    /** hub / peer for each figure both report; null where the peer's is zero. */
    static Map<String, Object> ratios(Map<String, Object> hub, Map<String, Object> peer) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Figure figure : compared(hub, peer)) {
            double ours = ((Number) hub.get(figure.figure)).doubleValue();
            double theirs = ((Number) peer.get(figure.figure)).doubleValue();
            ratios.put(figure.ratio, theirs == 0 ? null : Math.round(ours / theirs * 100) / 100.0);
        }
        return ratios;
    }

    /** A table for people: each compared figure of the hub and of the peer, and the ratio. */
    static String table(String scenario, String hubName, String peerName, Map<String, Object> hub,
            Map<String, Object> peer) {
        StringBuilder table = new StringBuilder();
        String row = "%-30s %14s %14s %10s%n";
        table.append(String.format(Locale.ROOT, row, scenario, hubName, peerName, "hub/" + peerName));
        Map<String, Object> ratios = ratios(hub, peer);
        for (Figure figure : compared(hub, peer)) {
            Object ratio = ratios.get(figure.ratio);
            table.append(String.format(Locale.ROOT, row, figure.label, hub.get(figure.figure), peer.get(figure.figure),
                    ratio == null ? "-" : ratio));
        }
        return table.toString();
    }

    private static List<Figure> compared(Map<String, Object> hub, Map<String, Object> peer) {
        return Arrays.stream(Figure.values())
                .filter(figure -> hub.get(figure.figure) instanceof Number && peer.get(figure.figure) instanceof Number)
                .toList();
    }
}
