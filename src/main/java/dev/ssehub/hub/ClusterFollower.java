package dev.ssehub.hub;

import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.RecentEvents;
import dev.ssehub.protocol.EventId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster node's end of the backplane: the events the backplane hands over, fanned out here in
 * id order under the hub's sequence lock, and what was fanned out lately, which catch-ups finish
 * from and publishes count their recipients in.
 */
final class ClusterFollower implements Backplane.Delivery {

    /** How many delivered events a node keeps at hand, for catch-ups to finish from. */
    static final int RECENT_EVENTS = 4096;
    /** ... and at most about this many bytes of them, however large each is. */
    static final long RECENT_BYTES = 32L << 20;

    private final Object sequenceLock;
    private final FanOut fanOut;
    private final HubCounters counters;
    private final Object deliveryMonitor = new Object();
    /** Written under the sequence lock. */
    private RecentEvents recent;
    private volatile EventId delivered;

    ClusterFollower(Object sequenceLock, FanOut fanOut, HubCounters counters) {
        this.sequenceLock = sequenceLock;
        this.fanOut = fanOut;
        this.counters = counters;
    }

    /** Where the backplane starts handing over; under the sequence lock, before the first hand-over. */
    void startAt(EventId start) {
        recent = new RecentEvents(RECENT_EVENTS, RECENT_BYTES, start);
        delivered = start;
    }

    /** The backplane's hand-off: events in id order, from its one follower thread. */
    @Override
    public void deliver(List<LoggedEvent> events) {
        synchronized (sequenceLock) {
            for (LoggedEvent event : events) {
                if (event.id().compareTo(delivered) <= 0) {
                    continue; // handed over again by a follower that failed halfway through a hand-off
                }
                int recipients = fanOut.event(event, System.nanoTime());
                counters.published(recipients);
                recent.add(event, recipients);
                delivered = event.id();
            }
        }
        synchronized (deliveryMonitor) {
            deliveryMonitor.notifyAll();
        }
    }

    /**
     * The backplane lost this node's place: events after {@code position} may be gone. Every live
     * stream gets the {@code gap} a resume would get; catch-ups under way find the hole in the
     * history by themselves, so what this node keeps at hand starts again after {@code from}.
     */
    @Override
    public void discontinued(EventId position, EventId from, String oldestId) {
        byte[] gap = Catchup.gap(position.toString(), oldestId);
        synchronized (sequenceLock) {
            fanOut.gap(gap);
            recent = new RecentEvents(RECENT_EVENTS, RECENT_BYTES, from);
            delivered = from;
        }
    }

    /** Waits until {@code id} has been fanned out here, or until {@code deadline} (a nano time). */
    void awaitDelivery(EventId id, long deadline) {
        synchronized (deliveryMonitor) {
            long left;
            while (delivered.compareTo(id) < 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(deliveryMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // stored all the same; the answer just cannot count this node's streams
                }
            }
        }
    }

    /** The newest id fanned out here. */
    EventId delivered() {
        return delivered;
    }

    /** Read under the sequence lock. */
    RecentEvents recent() {
        return recent;
    }
}
