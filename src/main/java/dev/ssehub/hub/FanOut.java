package dev.ssehub.hub;

import dev.ssehub.connection.Frame;
import dev.ssehub.connection.FrameRing;
import dev.ssehub.history.LoggedEvent;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where an encoded event meets its streams: its frame is appended to the node's {@link FrameRing}
 * once, and each stream that may see it is handed the position, which the stream's connection
 * queues and a writer later writes. A delivery allocates nothing and stores no reference.
 *
 * <p>{@link #event} and {@link #gap} are called under the hub's sequence lock, so the
 * ring is appended in id order and each stream is given positions in increasing order.
 */
final class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class.getName());

    private final Registry registry;
    private final FrameRing ring;

    FanOut(Registry registry, FrameRing ring) {
        this.registry = registry;
        this.ring = ring;
    }

    FrameRing ring() {
        return ring;
    }

    /** @return how many streams the event was queued on */
    int event(LoggedEvent event, long publishedNanos) {
        long position = ring.append(event.frame(), publishedNanos);
        List<String> topics = event.topics();
        boolean severalTopics = topics.size() > 1;
        int recipients = 0;
        for (String topic : topics) {
            for (Subscription subscription : registry.subscribers(topic)) {
                if ((!severalTopics || subscription.reachedFirst(position)) && subscription.isLive()
                        && subscription.maySee(event) && subscription.isNew(event)
                        && deliver(subscription, position)) {
                    recipients++;
                }
            }
        }
        return recipients;
    }

    /**
     * Queues a {@code gap} on every live stream: no topic owns it, since which topics the lost
     * events had is lost with them, and so is what a stream knew of where it resumed.
     */
    void gap(byte[] frame) {
        long position = ring.append(frame, 0);
        for (Subscription subscription : registry.all()) {
            if (subscription.isLive()) {
                subscription.forgetResumedAhead();
                deliver(subscription, position);
            }
        }
    }

    /** A frame for one stream alone, outside the ring: a warning meant for it. */
    static boolean alone(Subscription subscription, Frame frame) {
        try {
            return subscription.emitter().send(frame);
        } catch (RuntimeException e) {
            return failed(subscription, e);
        }
    }

    static void heartbeat(Subscription subscription, Frame heartbeat) {
        try {
            subscription.emitter().sendHeartbeat(heartbeat);
        } catch (RuntimeException e) {
            failed(subscription, e);
        }
    }

    /** One stream that throws must not stop the fan-out to the others. */
    private boolean deliver(Subscription subscription, long position) {
        try {
            return subscription.emitter().deliver(ring, position);
        } catch (RuntimeException e) {
            return failed(subscription, e);
        }
    }

    private static boolean failed(Subscription subscription, RuntimeException e) {
        LOG.log(Level.WARNING, "a stream failed to take an event; closing it", e);
        subscription.emitter().close();
        return false;
    }
}
