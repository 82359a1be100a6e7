package dev.ssehub.hub;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.config.Settings;
import dev.ssehub.connection.CloseReason;
import dev.ssehub.connection.Frame;
import dev.ssehub.connection.FrameRing;
import dev.ssehub.connection.WriterPool;
import dev.ssehub.history.EventLog;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.RecentEvents;
import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.LastEventId;
import dev.ssehub.protocol.SseEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub: gives each publication its id, encodes it once and queues the same bytes on every open
 * stream that may see it. It never writes to a socket and never runs the container's code itself.
 * Publish to it from your own code by injecting it,
 * <pre>
 * &#64;Inject Hub hub;
 * Receipt receipt = hub.publish(Publication.of("orders", json));
 * </pre>
 * or by firing a {@link Publication} as a CDI event.
 *
 * <p>Appending to the log and queueing on the streams happen under one lock, so every stream sees
 * ids in increasing order. A new stream is registered at once but receives live events only once
 * its {@link Catchup} has replayed the history up to the newest id, a step it takes under the same
 * lock: a publish lands in its replay or in its live events, never both or neither.
 */
public class Hub {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());
    private static final Frame HEARTBEAT = Frame.unpublished(SseEncoder.comment(""));
    /** How many live frames the node's ring holds at most, for the streams that have not written them yet. */
    private static final int RING_FRAMES = 1 << 16;
    /**
     * ... and about how many bytes: several client buffers (a stream is closed past one anyway),
     * and never less than the recent events, so that a burst on other topics does not take the
     * frames a stream on a quiet one is still writing.
     */
    private static final int RING_BUFFERS = 8;
    /** How long a cluster publish waits to count its recipients here before it answers anyway. */
    private static final long DELIVERY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The history replays read: this node's own, or the cluster's shared one. */
    private final EventLog log;
    /** {@code null} on a single node. */
    private final Backplane backplane;
    private final Settings settings;
    private final IdempotencyCache keyedPublishes = new IdempotencyCache();
    /** {@code null} on a single node. */
    private ClusterFollower follower;
    private ExecutorService historyReaders;
    private final Registry registry = new Registry();
    private final Object sequenceLock = new Object();
    private final AtomicInteger admitted = new AtomicInteger();
    private final HubCounters counters = new HubCounters();
    private final HubMetrics metrics;
    private WriterPool writers;
    private final FanOut fanOut;
    private ScheduledExecutorService timer;
    private TokenExpiry tokenExpiry;
    private StreamLifetime lifetime;
    private volatile HubObserver observer = HubObserver.NONE;
    private volatile boolean stopping;
    private final Object closeMonitor = new Object();
    /** The heartbeat as an event, for streams that asked for one they can see. */
    private final Frame heartbeatEvent;

    /** A single node: ids, history and fan-out all in this process. */
    public Hub(EventLog log, Settings settings) {
        this(log, null, settings);
    }

    /** A node of a cluster: the backplane gives ids and keeps the history; this node fans out. */
    public Hub(Backplane backplane, Settings settings) {
        this(backplane.history(), backplane, settings);
    }

    private Hub(EventLog log, Backplane backplane, Settings settings) {
        this.log = log;
        this.backplane = backplane;
        this.settings = settings;
        this.metrics = new HubMetrics(this, settings.metricsMaxTopics());
        this.heartbeatEvent = Frame.unpublished(heartbeatSignal());
        this.fanOut = new FanOut(registry, new FrameRing(RING_FRAMES,
                Math.max(RING_BUFFERS * settings.clientBufferBytes(), ClusterFollower.RECENT_BYTES)));
    }

    /**
     * {@code event: heartbeat} with the interval, for {@code heartbeat=event}: an
     * {@code EventSource} never shows comments to the page, so its watchdog needs this instead.
     */
    public byte[] heartbeatSignal() {
        return SseEncoder.signal("heartbeat", JSON.createObjectBuilder()
                .add("seconds", settings.heartbeat().toSeconds()).build().toString());
    }

    /** Starts the threads that write to streams and the heartbeat. */
    public void start() {
        writers = new WriterPool(Math.max(2, Runtime.getRuntime().availableProcessors()), "ssehub-writer",
                settings.maxConnections());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ssehub-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a stream's expiry, cancelled when it closes, must not linger
        timer = scheduler;
        tokenExpiry = new TokenExpiry(timer, settings.credentialsWarning());
        if (settings.limitsStreamLifetime()) {
            lifetime = new StreamLifetime(timer, settings.streamMaxLifetime(), settings.streamLifetimeJitter());
        }
        long period = settings.heartbeat().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        if (backplane != null) {
            // replays read a remote history: on threads of their own, never a writer or the container's
            historyReaders = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "ssehub-history-reader");
                thread.setDaemon(true);
                return thread;
            });
            follower = new ClusterFollower(sequenceLock, fanOut, counters);
            synchronized (sequenceLock) { // the first delivery waits until the hub knows where it starts
                follower.startAt(backplane.follow(follower));
            }
        }
    }

    /** Who hears of streams opening and closing and of publishes: the application's CDI observers. */
    public void observeWith(HubObserver observer) {
        this.observer = observer;
    }

    /** Lets the closes of a shutdown finish on the writers, so that each stream's end is told. */
    private void awaitClosed(long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (closeMonitor) {
            long left;
            while (admitted.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(closeMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    HubObserver observer() {
        return observer;
    }

    /** Closes every stream, lets the writers finish what is queued, and stops them. */
    public void stop() {
        stopping = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        // Each stream gets what is queued for it first, so that its client resumes elsewhere
        // right after it; a client that does not take it in time is cut.
        for (Subscription subscription : registry.all()) {
            subscription.emitter().end();
        }
        awaitClosed(TimeUnit.SECONDS.toNanos(2));
        for (Subscription subscription : registry.all()) {
            subscription.emitter().close();
        }
        awaitClosed(TimeUnit.SECONDS.toNanos(1));
        if (backplane != null) {
            backplane.close();
            if (historyReaders != null) {
                historyReaders.shutdownNow();
            }
        }
        if (writers != null) {
            writers.close();
        }
        metrics.close();
    }

    /**
     * @throws IllegalArgumentException when the event could not reach any client: it encodes to
     *     more than {@code ssehub.client.buffer.bytes}
     * @throws BackplaneUnavailableException in a cluster, when the event could not be stored
     */
    public Receipt publish(Publication publication) {
        return publishAll(List.of(publication), null).get(0);
    }

    /** Publishes a batch as consecutive ids, with no other publish in between; all or nothing. */
    public List<Receipt> publishAll(List<Publication> batch) {
        return publishAll(batch, null);
    }

    /**
     * @param key {@code null}, or the publisher's {@code Idempotency-Key}: while the history holds
     *     the first event published with it, publishing again with it publishes nothing and returns
     *     the first answer
     */
    public List<Receipt> publishAll(List<Publication> batch, PublishKey key) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                checkFits(batch.get(i));
            } catch (IllegalArgumentException tooLarge) {
                throw batch.size() == 1 ? tooLarge
                        : new IllegalArgumentException("batch item " + i + ": " + tooLarge.getMessage(), tooLarge);
            }
        }
        if (backplane != null) {
            return publishThroughBackplane(batch, key);
        }
        synchronized (sequenceLock) {
            if (key != null) {
                Optional<List<Receipt>> earlier = keyedPublishes.answered(key, log);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            List<Receipt> receipts = new ArrayList<>(batch.size());
            for (Publication publication : batch) {
                receipts.add(sequence(publication));
            }
            if (key != null && log.size() > 0) {
                keyedPublishes.remember(key, receipts);
            }
            return receipts;
        }
    }

    /**
     * Stores the batch in the shared log, then waits a moment for this node's own fan-out of it,
     * so that the answer counts the streams it reached, as on a single node.
     */
    private List<Receipt> publishThroughBackplane(List<Publication> batch, PublishKey key) {
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        Backplane.Appended appended = backplane.append(batch, key);
        if (appended.repeated()) {
            return appended.earlierReceipts();
        }
        List<LoggedEvent> events = appended.events();
        follower.awaitDelivery(events.get(events.size() - 1).id(),
                Math.min(deadline, System.nanoTime() + DELIVERY_WAIT_NANOS));
        List<Receipt> receipts = new ArrayList<>(events.size());
        for (LoggedEvent event : events) {
            receipts.add(new Receipt(event.id().toString(), event.topics(), follower.recent().recipients(event.id())));
        }
        if (key != null) {
            backplane.answered(key, receipts);
        }
        for (int i = 0; i < receipts.size(); i++) {
            observer.published(new EventPublished(batch.get(i), receipts.get(i)));
        }
        return receipts;
    }

    /**
     * @throws IllegalArgumentException naming the limit, when {@code publication} encodes to more
     *     bytes than a client may fall behind: every stream would be closed as slow
     */
    public void checkFits(Publication publication) {
        long size = SseEncoder.maxEncodedLength(publication.message());
        if (size > settings.clientBufferBytes()) {
            throw new IllegalArgumentException("the event encodes to up to " + size + " bytes, more than "
                    + "ssehub.client.buffer.bytes (" + settings.clientBufferBytes() + "): no client could receive it");
        }
    }

    /** Reserves room for one more stream; false when the node is at its limit. */
    public boolean admit() {
        while (true) {
            int open = admitted.get();
            if (open >= settings.maxConnections()) {
                return false;
            }
            if (admitted.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot that {@link #admit} reserved for a stream that never started. */
    public void release() {
        admitted.decrementAndGet();
    }

    /**
     * Registers the stream and starts its catch-up: the opening, then what it missed since
     * {@code lastEventId} in bounded pages, then live events.
     *
     * @param lastEventId where the client resumes, or {@code null} for live events only
     * @param opening the frames every stream starts with, queued before anything else
     */
    public void subscribe(Subscription subscription, LastEventId lastEventId, byte[] opening) {
        // The opening goes before the stream is registered: no heartbeat or warning may go out
        // ahead of its retry: line.
        if (lastEventId == null) {
            // ... and in the same step as it turns live, since the opening is the first the client
            // sees of its stream: whatever is published once it has seen it must reach it.
            inSequence(() -> {
                subscription.emitter().sendReplay(List.of(opening), null);
                registry.add(subscription);
                subscription.goLive();
            });
        } else {
            subscription.emitter().sendReplay(List.of(opening), null);
            registry.add(subscription);
        }
        if (!subscription.emitter().isOpen()) {
            // it closed before it was registered, and its close found nothing to remove
            registry.remove(subscription);
            return;
        }
        subscription.announceOpened(observer);
        if (lastEventId != null) {
            new Catchup(this, subscription, lastEventId).run();
        }
        Instant expires = subscription.caller().expiresAt();
        if (expires != null) {
            tokenExpiry.endWith(subscription, expires);
        }
        if (lifetime != null) {
            lifetime.endInTime(subscription);
        }
    }

    /** Forgets a stream that has ended; called once per admitted stream. */
    public void closed(Subscription subscription, CloseReason reason, int discardedFrames) {
        registry.remove(subscription);
        subscription.runCloseActions();
        admitted.decrementAndGet();
        counters.closed(reason, discardedFrames);
        if (stopping) {
            synchronized (closeMonitor) {
                closeMonitor.notifyAll();
            }
        }
        subscription.announceClosed(observer, why(subscription, reason));
    }

    private StreamClosed.Reason why(Subscription subscription, CloseReason reason) {
        if (subscription.expired()) {
            return StreamClosed.Reason.EXPIRED;
        }
        return switch (reason) {
            case SLOW_CLIENT -> StreamClosed.Reason.SLOW;
            case SERVER -> stopping ? StreamClosed.Reason.SHUTDOWN : StreamClosed.Reason.CLIENT_LEFT;
            case CLIENT_GONE -> stopping ? StreamClosed.Reason.SHUTDOWN : StreamClosed.Reason.CLIENT_LEFT;
            case ENDED -> stopping ? StreamClosed.Reason.SHUTDOWN : StreamClosed.Reason.LIFETIME;
        };
    }

    public HubStats stats() {
        return counters.stats(admitted.get(), registry.topicCounts(), settings.nodeId(),
                backplane == null ? "memory" : backplane.state(), backplane == null ? Backplane.Lag.NONE : backplane.lag());
    }

    /** {@code null} when this node can publish and replay, or why it cannot. */
    public String problem() {
        return backplane == null ? null : backplane.problem();
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public Settings settings() {
        return settings;
    }

    /** The live frames, shared by every connection: deliveries are positions in it. */
    public FrameRing ring() {
        return fanOut.ring();
    }

    /** The threads that write to streams; shared by every connection. */
    public WriterPool writers() {
        return writers;
    }

    int subscriptionCount() {
        return registry.size();
    }

    EventLog log() {
        return log;
    }

    boolean clustered() {
        return backplane != null;
    }

    /** The newest id this node has fanned out; cluster only. */
    EventId delivered() {
        return follower.delivered();
    }

    /** Read under the sequence lock. */
    RecentEvents recent() {
        return follower.recent();
    }

    /** Runs a step that reads the history where it may wait for the network without holding anyone up. */
    void readHistoryLater(Runnable step) {
        historyReaders.execute(step);
    }

    HubCounters counters() {
        return counters;
    }

    /** Runs {@code step} with no publish in progress, so that it sees the log and the streams agree. */
    void inSequence(Runnable step) {
        synchronized (sequenceLock) {
            step.run();
        }
    }

    /** Sends a comment (or the heartbeat event) to every stream; a write that fails is how a vanished client is found. */
    void heartbeat() {
        try {
            for (Subscription subscription : registry.all()) {
                FanOut.heartbeat(subscription, subscription.heartbeatEvents() ? heartbeatEvent : HEARTBEAT);
            }
            log.expire();
        } catch (RuntimeException e) {
            // an exception escaping a scheduled task would cancel every later heartbeat
            LOG.log(Level.WARNING, "a heartbeat failed; the next one runs as planned", e);
        }
    }

    private Receipt sequence(Publication publication) {
        long publishedNanos = System.nanoTime();
        LoggedEvent event = log.append(publication);
        int recipients = fanOut.event(event, publishedNanos);
        counters.published(recipients);
        Receipt receipt = new Receipt(event.id().toString(), event.topics(), recipients);
        observer.published(new EventPublished(publication, receipt));
        return receipt;
    }
}
