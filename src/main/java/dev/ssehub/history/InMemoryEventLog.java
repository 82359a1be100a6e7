package dev.ssehub.history;

import dev.ssehub.protocol.EventId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The single-node event log: ids {@code <start time in ms>-<sequence from 1>}, and a history
 * bounded both by count and by age.
 */
public final class InMemoryEventLog implements EventLog {

    private final long epoch;
    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final ArrayDeque<LoggedEvent> history = new ArrayDeque<>();
    private long lastSequence;
    /** The highest sequence that has left the history; a client behind it has lost events. */
    private long evictedUpTo;

    public InMemoryEventLog(int capacity, Duration ttl, Clock clock) {
        this.epoch = clock.millis();
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    public long epoch() {
        return epoch;
    }

    @Override
    public synchronized LoggedEvent append(List<String> topics, boolean privateEvent, Set<String> users,
            Function<EventId, byte[]> encoder) {
        EventId id = new EventId(epoch, lastSequence + 1);
        LoggedEvent event = new LoggedEvent(id, topics, privateEvent, users, encoder.apply(id), clock.millis());
        lastSequence = id.sequence();
        history.addLast(event);
        while (history.size() > capacity) {
            evictOldest();
        }
        return event;
    }

    @Override
    public synchronized Replay replayAfter(String lastEventId) {
        if (lastEventId == null) {
            return Replay.NONE;
        }
        expire();
        String oldest = history.isEmpty() ? null : history.peekFirst().id().toString();
        Optional<EventId> asked = EventId.parse(lastEventId);
        boolean ours = asked.isPresent() && asked.get().epoch() == epoch && asked.get().sequence() <= lastSequence;
        if (!ours || asked.get().sequence() < evictedUpTo) {
            return new Replay(true, oldest, List.copyOf(history));
        }
        return new Replay(false, oldest, after(asked.get().sequence()));
    }

    @Override
    public synchronized void expire() {
        long cutoff = clock.millis() - ttl.toMillis();
        while (!history.isEmpty() && history.peekFirst().loggedAtMillis() < cutoff) {
            evictOldest();
        }
    }

    @Override
    public synchronized int size() {
        return history.size();
    }

    private List<LoggedEvent> after(long sequence) {
        List<LoggedEvent> missed = new ArrayList<>();
        for (Iterator<LoggedEvent> newestFirst = history.descendingIterator(); newestFirst.hasNext(); ) {
            LoggedEvent event = newestFirst.next();
            if (event.id().sequence() <= sequence) {
                break;
            }
            missed.add(event);
        }
        Collections.reverse(missed);
        return missed;
    }

    private void evictOldest() {
        evictedUpTo = history.removeFirst().id().sequence();
    }
}
