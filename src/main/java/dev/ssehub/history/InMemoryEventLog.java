package dev.ssehub.history;

import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-node event log: ids {@code <start time in ms>-<sequence from 1>}, and a history
 * bounded by count, by age and by encoded bytes, the oldest dropped first. The kept sequences are
 * consecutive, so a read finds its place by arithmetic rather than by search.
 */
public final class InMemoryEventLog implements EventLog {

    private final long epoch;
    private final int maxEvents;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final EventRing history = new EventRing();
    private long lastSequence;
    private long bytes;

    /** @param maxBytes encoded bytes kept; the newest event is kept even when it alone is larger */
    public InMemoryEventLog(int maxEvents, long maxBytes, Duration ttl, Clock clock) {
        this.epoch = clock.millis();
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    public long epoch() {
        return epoch;
    }

    @Override
    public synchronized LoggedEvent append(Publication publication) {
        EventId id = new EventId(epoch, lastSequence + 1);
        LoggedEvent event = new LoggedEvent(id, publication, clock.millis());
        lastSequence = id.sequence();
        if (maxEvents == 0) {
            return event;
        }
        history.addLast(event);
        bytes += event.frame().length;
        while (history.size() > maxEvents || (bytes > maxBytes && history.size() > 1)) {
            evictOldest();
        }
        return event;
    }

    @Override
    public synchronized Replay read(EventId after, int maxEvents, long maxBytes) {
        expire();
        long firstKept = lastSequence - history.size() + 1;
        String oldest = history.size() == 0 ? null : history.get(0).id().toString();
        long from = firstKept;
        boolean gap = false;
        if (after != null) {
            boolean ours = after.epoch() == epoch && after.sequence() <= lastSequence;
            gap = !ours || after.sequence() + 1 < firstKept;
            from = gap ? firstKept : after.sequence() + 1;
        }
        List<LoggedEvent> events = new ArrayList<>();
        long taken = 0;
        long sequence = from;
        for (; sequence <= lastSequence && events.size() < maxEvents; sequence++) {
            LoggedEvent event = history.get((int) (sequence - firstKept));
            if (!events.isEmpty() && taken + event.frame().length > maxBytes) {
                break;
            }
            events.add(event);
            taken += event.frame().length;
        }
        return new Replay(gap, oldest, events, sequence <= lastSequence);
    }

    @Override
    public synchronized void expire() {
        long cutoff = clock.millis() - ttl.toMillis();
        while (history.size() > 0 && history.get(0).loggedAtMillis() < cutoff) {
            evictOldest();
        }
    }

    @Override
    public synchronized int size() {
        return history.size();
    }

    @Override
    public synchronized EventId oldestId() {
        return history.size() == 0 ? null : history.get(0).id();
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    private void evictOldest() {
        bytes -= history.removeFirst().frame().length;
    }
}
