package dev.ssehub.hub;

import dev.ssehub.connection.CloseReason;
import dev.ssehub.connection.Frame;
import dev.ssehub.history.EventLog;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.Replay;
import dev.ssehub.protocol.SseEncoder;
import dev.ssehub.protocol.SseEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives each publication its id, encodes it once and queues the same bytes on every open
 * stream that may see it. It never writes to a socket itself.
 *
 * <p>Appending to the log and queueing on the streams happen under one lock, and so does a new
 * stream's replay and registration: every stream sees ids in increasing order, and a publish
 * lands either in a reconnecting stream's replay or in its live events, never both or neither.
 */
public final class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class.getName());
    private static final Frame HEARTBEAT = Frame.unpublished(SseEncoder.comment(""));

    private final EventLog log;
    private final int maxConnections;
    private final Registry registry = new Registry();
    private final Object sequenceLock = new Object();
    private final AtomicInteger admitted = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder slowClientsClosed = new LongAdder();
    private final long startedAtMillis = System.currentTimeMillis();

    public Broadcaster(EventLog log, int maxConnections) {
        this.log = log;
        this.maxConnections = maxConnections;
    }

    public Receipt publish(Publication publication) {
        long publishedNanos = System.nanoTime();
        synchronized (sequenceLock) {
            LoggedEvent event = log.append(publication.topics(), publication.privateEvent(), publication.users(),
                    id -> SseEncoder.encode(publication.toSseEvent(id)));
            int recipients = fanOut(event, new Frame(event.frame(), publishedNanos));
            published.increment();
            delivered.add(recipients);
            return new Receipt(event.id().toString(), event.topics(), recipients);
        }
    }

    /** Publishes a batch as consecutive ids, with no other publish in between. */
    public List<Receipt> publishAll(List<Publication> batch) {
        synchronized (sequenceLock) {
            List<Receipt> receipts = new ArrayList<>(batch.size());
            for (Publication publication : batch) {
                receipts.add(publish(publication));
            }
            return receipts;
        }
    }

    /** Reserves room for one more stream; false when the node is at its limit. */
    public boolean admit() {
        while (true) {
            int open = admitted.get();
            if (open >= maxConnections) {
                return false;
            }
            if (admitted.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    /**
     * Queues the stream's opening, then what it missed since {@code lastEventId}, then lets it
     * receive live events. The opening is queued under the same lock as the registration, so a
     * client that has seen its stream open has been registered: nothing published after reaches
     * it late or not at all.
     */
    public void subscribe(Subscription subscription, String lastEventId, byte[] opening) {
        synchronized (sequenceLock) {
            Replay replay = log.replayAfter(lastEventId);
            List<byte[]> frames = new ArrayList<>();
            frames.add(opening);
            if (replay.gap()) {
                frames.add(gapFrame(lastEventId, replay.oldestId()));
            }
            for (LoggedEvent event : replay.events()) {
                if (subscription.wants(event)) {
                    frames.add(event.frame());
                }
            }
            subscription.emitter().sendReplay(frames);
            replayed.add(frames.size() - 1 - (replay.gap() ? 1 : 0));
            registry.add(subscription);
            if (!subscription.emitter().isOpen()) {
                // it closed while we replayed, and its close found nothing to remove yet
                registry.remove(subscription);
            }
        }
    }

    /** Forgets a stream that has ended; called once per admitted stream. */
    public void closed(Subscription subscription, CloseReason reason, int discardedFrames) {
        registry.remove(subscription);
        admitted.decrementAndGet();
        dropped.add(discardedFrames);
        if (reason == CloseReason.SLOW_CLIENT) {
            slowClientsClosed.increment();
        }
    }

    /** Sends a comment to every stream; a write that fails is how a vanished client is found. */
    public void heartbeat() {
        for (Subscription subscription : registry.all()) {
            sendSafely(subscription, HEARTBEAT);
        }
        log.expire();
    }

    public void closeAll() {
        for (Subscription subscription : registry.all()) {
            subscription.emitter().close();
        }
    }

    public HubStats stats() {
        return new HubStats(admitted.get(), registry.topicCounts(), published.sum(), delivered.sum(),
                replayed.sum(), dropped.sum(), slowClientsClosed.sum(),
                (System.currentTimeMillis() - startedAtMillis) / 1000);
    }

    public int subscriptionCount() {
        return registry.size();
    }

    private int fanOut(LoggedEvent event, Frame frame) {
        List<String> topics = event.topics();
        Set<Subscription> reached = topics.size() > 1 ? Collections.newSetFromMap(new IdentityHashMap<>()) : null;
        int recipients = 0;
        for (String topic : topics) {
            for (Subscription subscription : registry.subscribers(topic)) {
                if ((reached == null || reached.add(subscription)) && subscription.maySee(event)
                        && sendSafely(subscription, frame)) {
                    recipients++;
                }
            }
        }
        return recipients;
    }

    /** One stream that throws must not stop the fan-out to the others. */
    private static boolean sendSafely(Subscription subscription, Frame frame) {
        try {
            return subscription.emitter().send(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a stream failed to take an event; closing it", e);
            subscription.emitter().close();
            return false;
        }
    }

    private static byte[] gapFrame(String asked, String oldest) {
        JsonObjectBuilder data = Json.createObjectBuilder().add("lastEventId", asked);
        if (oldest == null) {
            data.addNull("oldestId");
        } else {
            data.add("oldestId", oldest);
        }
        return SseEncoder.encode(new SseEvent(null, "gap", data.build().toString(), null));
    }
}
