package dev.ssehub.hub;

import dev.ssehub.connection.CloseReason;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The hub's running tallies: cheap to add to from many threads, read when stats are asked for. */
final class HubCounters {

    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder slowClientsClosed = new LongAdder();
    private final long startedAtMillis = System.currentTimeMillis();

    void published(int recipients) {
        published.increment();
        delivered.add(recipients);
    }

    void replayed(int events) {
        replayed.add(events);
    }

    void closed(CloseReason reason, int discardedFrames) {
        dropped.add(discardedFrames);
        if (reason == CloseReason.SLOW_CLIENT) {
            slowClientsClosed.increment();
        }
    }

    HubStats stats(int connections, Map<String, Integer> topics, String node, String backplane, Backplane.Lag lag) {
        return new HubStats(connections, topics, published.sum(), delivered.sum(), replayed.sum(), dropped.sum(),
                slowClientsClosed.sum(), (System.currentTimeMillis() - startedAtMillis) / 1000, node, backplane,
                lag.events(), lag.millis());
    }
}
