package dev.ssehub.hub;

import java.util.Map;

/**
 * The figures of {@code GET /api/stats}.
 *
 * @param node {@code ssehub.node.id}
 * @param backplane {@code memory} on a single node, else {@code redis-up} or {@code redis-down}
 */
public record HubStats(int connections, Map<String, Integer> topics, long published, long delivered,
        long replayed, long dropped, long slowClientsClosed, long uptimeSeconds, String node, String backplane) {
}
