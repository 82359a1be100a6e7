package dev.ssehub.hub;

import java.util.Map;

/**
 * The figures of {@code GET /api/stats}.
 *
 * @param node {@code ssehub.node.id}
 * @param backplane {@code memory} on a single node, else {@code redis-up} or {@code redis-down}
 * @param followerLagEvents events in the shared history this node had not fanned out yet at its
 *     last read (0 on a single node; -1 when Redis cannot count them)
 * @param followerLagMillis how old the oldest of them was
 */
public record HubStats(int connections, Map<String, Integer> topics, long published, long delivered,
        long replayed, long dropped, long slowClientsClosed, long uptimeSeconds, String node, String backplane,
        long followerLagEvents, long followerLagMillis) {
}
