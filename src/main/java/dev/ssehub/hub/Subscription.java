package dev.ssehub.hub;

import dev.ssehub.auth.Caller;
import dev.ssehub.connection.Emitter;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.protocol.EventId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open stream: where to send, which topics it asked for, and who it is. It is registered
 * before it is live: until its catch-up has reached the newest event, live events pass it by,
 * because the catch-up will read them from the history.
 */
public final class Subscription {

    private final Emitter emitter;
    private final Set<String> topics;
    private final Caller caller;
    private volatile boolean live;
    private final long expiresAtMillis;
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
    /** Set when the client resumed from an id this node has not delivered yet; read under the hub's lock. */
    private EventId resumedAhead;
    /** The ring position of the last event fanned out to this stream's topics; under the hub's lock. */
    private long reachedAt = -1;

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final boolean heartbeatEvents;
    private volatile boolean expired;
    /** Whether its opening was announced, and whether it has closed; guarded by {@code this}. */
    private boolean announced;
    private boolean ended;

    public Subscription(Emitter emitter, Set<String> topics, Caller caller) {
        this(emitter, topics, caller, false);
    }

    /** @param heartbeatEvents whether heartbeats go as {@code event: heartbeat} instead of comments */
    public Subscription(Emitter emitter, Set<String> topics, Caller caller, boolean heartbeatEvents) {
        this.heartbeatEvents = heartbeatEvents;
        this.emitter = emitter;
        this.topics = Set.copyOf(topics);
        this.caller = caller;
        this.expiresAtMillis = caller.expiresAt() == null ? Long.MAX_VALUE : caller.expiresAt().toEpochMilli();
    }

    /** Runs {@code action} once the stream has closed; at once when it already has. */
    public void whenClosed(Runnable action) {
        closeActions.add(action);
        if (!emitter.isOpen()) {
            runCloseActions();
        }
    }

    void runCloseActions() {
        for (Runnable action : closeActions) {
            if (closeActions.remove(action)) {
                action.run();
            }
        }
    }

    /** This node's number for the stream, for the application's lifecycle events. */
    public long id() {
        return id;
    }

    /**
     * Tells {@code observer} that the stream opened, unless it has closed already: an observer
     * hears of a stream's close only after its opening, and of both or neither.
     */
    synchronized void announceOpened(HubObserver observer) {
        if (!ended) {
            announced = true;
            observer.opened(new StreamOpened(id, caller.subject(), topics));
        }
    }

    synchronized void announceClosed(HubObserver observer, StreamClosed.Reason reason) {
        ended = true;
        if (announced) {
            announced = false;
            observer.closed(new StreamClosed(id, caller.subject(), topics, reason));
        }
    }

    void markExpired() {
        expired = true;
    }

    boolean expired() {
        return expired;
    }

    public boolean heartbeatEvents() {
        return heartbeatEvents;
    }

    public Emitter emitter() {
        return emitter;
    }

    public Set<String> topics() {
        return topics;
    }

    public Caller caller() {
        return caller;
    }

    boolean isLive() {
        return live;
    }

    /** Called with no publish in progress, once the catch-up has queued everything before now. */
    void goLive() {
        live = true;
    }

    /**
     * Goes live knowing the client already has everything up to {@code resumedAt}, which may be
     * ahead of what this node has delivered: another node of the cluster gave it those events.
     */
    void goLive(EventId resumedAt) {
        resumedAhead = resumedAt;
        live = true;
    }

    /**
     * The history lost its order behind this stream (a gap was sent): what comes next may carry
     * lower ids than another node gave it, and is new all the same. Called under the hub's lock.
     */
    void forgetResumedAhead() {
        resumedAhead = null;
    }

    /**
     * Whether this is the first of the event's topics to reach this stream, for an event on
     * several: marking a field costs nothing where a set of the streams reached would allocate.
     * Called under the hub's lock.
     */
    boolean reachedFirst(long position) {
        if (reachedAt == position) {
            return false;
        }
        reachedAt = position;
        return true;
    }

    /** Whether a live event is new to the client; false only for what another node already gave it. */
    boolean isNew(LoggedEvent event) {
        EventId ahead = resumedAhead;
        if (ahead == null) {
            return true;
        }
        if (event.id().compareTo(ahead) <= 0) {
            return false;
        }
        resumedAhead = null;
        return true;
    }

    /** Whether this stream receives {@code event}: one of its topics, and allowed to see it. */
    boolean wants(LoggedEvent event) {
        for (String topic : event.topics()) {
            if (topics.contains(topic)) {
                return maySee(event);
            }
        }
        return false;
    }

    /** Whether the caller may see {@code event}, already known to be on one of its topics. */
    boolean maySee(LoggedEvent event) {
        if (event.privateEvent() && System.currentTimeMillis() >= expiresAtMillis) {
            return false; // the token has expired; the stream is being closed
        }
        if (!event.users().isEmpty()) {
            return caller.subject() != null && event.users().contains(caller.subject());
        }
        if (!event.privateEvent()) {
            return true;
        }
        for (String topic : event.topics()) {
            if (topics.contains(topic) && caller.maySubscribe(topic)) {
                return true;
            }
        }
        return false;
    }
}
