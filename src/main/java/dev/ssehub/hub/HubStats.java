package dev.ssehub.hub;

import java.util.Map;

/** The figures of {@code GET /api/stats}. */
public record HubStats(int connections, Map<String, Integer> topics, long published, long delivered,
        long replayed, long dropped, long slowClientsClosed, long uptimeSeconds) {
}
