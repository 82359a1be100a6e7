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
    private final long maxBytes;
    private final NavigableMap<EventId, Delivered> events = new TreeMap<>();
    private EventId floor;
    private long bytes;

    /**
     * @param capacity how many events it holds at most
     * @param maxBytes about how many bytes of memory they may take (each event's frame and data)
     * @param floor the position delivery starts after: nothing at or before it is held
     */
    public RecentEvents(int capacity, long maxBytes, EventId floor) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.floor = floor;
    }

    public synchronized void add(LoggedEvent event, int recipients) {
        events.put(event.id(), new Delivered(event, recipients));
        bytes += cost(event);
        while (events.size() > capacity || (bytes > maxBytes && events.size() > 1)) {
            Map.Entry<EventId, Delivered> oldest = events.pollFirstEntry();
            floor = oldest.getKey();
            bytes -= cost(oldest.getValue().event());
        }
    }

    /** The frame, and the published data as a String holds it. */
    private static long cost(LoggedEvent event) {
        return event.frame().length + 2L * event.publication().data().length();
    }

    /**
     * Everything delivered after {@code after}, up to {@code maxEvents} and about
     * {@code maxFrameBytes} of frames (one event at least); {@code null} when some of it has
     * already been let go, so that only the full history can tell.
     */
    public synchronized Replay after(EventId after, int maxEvents, long maxFrameBytes) {
        if (after.compareTo(floor) < 0) {
            return null;
        }
        List<LoggedEvent> found = new ArrayList<>();
        long taken = 0;
        for (Delivered delivered : events.tailMap(after, false).values()) {
            int size = delivered.event().frame().length;
            if (found.size() == maxEvents || (!found.isEmpty() && taken + size > maxFrameBytes)) {
                return new Replay(false, null, found, true);
            }
            found.add(delivered.event());
            taken += size;
        }
        return new Replay(false, null, found, false);
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
