package dev.ssehub.history;

import dev.ssehub.protocol.EventId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a cluster node has fanned out lately, with how many of its streams each event reached: a
 * stream catching up finishes from here, under the hub's lock, without asking Redis while every
 * delivery waits. It knows exactly which ids it covers: everything after its floor.
 */
public final class RecentEvents {

    /** One delivered event and the number of this node's streams it was queued for. */
    public record Delivered(LoggedEvent event, int recipients) {
    }

    private final int capacity;
    private final NavigableMap<EventId, Delivered> events = new TreeMap<>();
    private EventId floor;

    /** @param floor the position delivery starts after: nothing at or before it is held */
    public RecentEvents(int capacity, EventId floor) {
        this.capacity = capacity;
        this.floor = floor;
    }

    public synchronized void add(LoggedEvent event, int recipients) {
        events.put(event.id(), new Delivered(event, recipients));
        while (events.size() > capacity) {
            floor = events.pollFirstEntry().getKey();
        }
    }

    /**
     * Everything delivered after {@code after}, up to {@code maxEvents}; {@code null} when some of
     * it has already been let go, so that only the full history can tell.
     */
    public synchronized List<LoggedEvent> after(EventId after, int maxEvents) {
        if (after.compareTo(floor) < 0) {
            return null;
        }
        List<LoggedEvent> found = new ArrayList<>();
        for (Delivered delivered : events.tailMap(after, false).values()) {
            if (found.size() == maxEvents) {
                break;
            }
            found.add(delivered.event());
        }
        return found;
    }

    /** How many streams the event reached, or 0 when it was never delivered here or has been let go. */
    public synchronized int recipients(EventId id) {
        Delivered delivered = events.get(id);
        return delivered == null ? 0 : delivered.recipients();
    }

    public synchronized EventId newest() {
        Map.Entry<EventId, Delivered> last = events.lastEntry();
        return last == null ? floor : last.getKey();
    }
}
