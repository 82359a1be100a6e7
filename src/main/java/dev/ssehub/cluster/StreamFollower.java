package dev.ssehub.cluster;

import dev.ssehub.history.LoggedEvent;
import dev.ssehub.hub.Backplane;
import dev.ssehub.protocol.EventId;
import io.lettuce.core.RedisException;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the shared history as it grows and hands each new event to the node's fan-out, in id
 * order, from one thread. After an outage it reads on from the last id it handed over, so what
 * Redis accepted meanwhile reaches this node's streams once, late rather than never.
 *
 * <p>Continuity is proved on every read, not assumed: the read script tells whether the position
 * is still in the history (or is exactly the last trimmed id). When it is not (this node was
 * paused or cut off past the trimming, or Redis lost data), the fan-out is told of the
 * discontinuity before it gets what Redis still holds, so that its streams can show a {@code gap}.
 */
final class StreamFollower implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamFollower.class.getName());
    private static final String[] KEYS = {RedisKeys.EVENTS, RedisKeys.LAST_TRIMMED};
    private static final LuaScript FOLLOW = LuaScript.load("follow.lua");
    private static final long BLOCK_MILLIS = 1000;
    private static final int BATCH = 1024;
    /** Bytes of encoded frames one read brings at most, so that a far-behind node reads in bounded steps. */
    private static final long BATCH_BYTES = 4L << 20;
    private static final long RETRY_MILLIS = 200;
    /** Turns in a row that may fail to hand over one page before it is given up, with a gap. */
    static final int ATTEMPTS = 3;
    /** How long a skipped entry keeps the follower's problem named, unless a readable event comes first. */
    private static final long UNREADABLE_REPORT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final RedisLink link;
    private final BackplaneHealth health;
    private final RedisClock clock;
    private final Backplane.Delivery delivery;
    private volatile boolean stopped;
    private volatile EventId position;
    /** When the loop last came round, well or not; a follower stuck longer than a few blocks is broken. */
    private volatile long lastTurnNanos = System.nanoTime();
    /** Why the last turn failed for a reason other than Redis, or {@code null}. */
    private volatile String broken;
    /** The last entry skipped as unreadable, until a readable one is handed over or it is old news. */
    private volatile Skipped skipped;
    /** Turns in a row whose hand-over failed, and the position they failed to hand over after. */
    private int failedHandOvers;
    private EventId failedAfter;
    /**
     * How many entries the stream had been given up to the position (Redis's entries-added), or
     * -1 while unknown; learnt whenever a read reaches the head, kept up by counting after.
     */
    private long ordinal = -1;
    private volatile Backplane.Lag lag = Backplane.Lag.NONE;

    StreamFollower(RedisLink link, BackplaneHealth health, RedisClock clock, EventId start,
            Backplane.Delivery delivery) {
        this.link = link;
        this.health = health;
        this.clock = clock;
        this.position = start;
        this.delivery = delivery;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                turn();
                broken = null;
            } catch (RedisException | dev.ssehub.hub.BackplaneUnavailableException failed) {
                if (stopped) {
                    return;
                }
                health.down(failed);
                pause();
            } catch (Throwable failed) {
                // a bug or an Error must not end the thread: the node would stop delivering for good
                if (stopped) {
                    return;
                }
                broken = Reasons.of(failed);
                LOG.log(Level.SEVERE, "SSE Hub: the Redis follower failed; it tries again from " + position, failed);
                pause();
            }
            lastTurnNanos = System.nanoTime();
        }
    }

    @SuppressWarnings("unchecked")
    private void turn() {
        List<Object> answer = FOLLOW.run(link.follower(), KEYS, position.toString(), String.valueOf(BATCH),
                String.valueOf(BATCH_BYTES));
        clock.sample(answer.get(3), answer.get(4), System.currentTimeMillis());
        health.up();
        List<Object> entries = (List<Object>) answer.get(2);
        long added = (Long) answer.get(5);
        String next = (String) answer.get(7);
        if ((Long) answer.get(0) == 0) {
            EventId from = RedisEventLog.parseId((String) answer.get(1));
            String oldest = entries.isEmpty() ? null : (String) ((List<Object>) entries.get(0)).get(0);
            LOG.warning("SSE Hub: the history no longer holds this node's position " + position
                    + " (it fell behind the trimming, or Redis lost data); its streams get a gap");
            delivery.discontinued(position, from, oldest);
            position = from;
            // everything after the last trimmed id is kept: the stream's length is what is left to read
            ordinal = added < 0 ? -1 : added - (Long) answer.get(6);
        }
        long redisMillis = redisMillis(answer.get(3), answer.get(4));
        if (!entries.isEmpty()) {
            // while the page is handed over it is still behind, however long the fan-out takes
            lag = lag(added, (String) ((List<Object>) entries.get(0)).get(0), redisMillis);
            handOver(entries, next);
        }
        if (next.isEmpty()) {
            ordinal = added;
        }
        lag = lag(added, next, redisMillis);
        if (entries.isEmpty()) {
            // nothing new: wait for the next append, then read it with the proof above
            link.follower().xread(XReadArgs.Builder.block(BLOCK_MILLIS).count(1),
                    XReadArgs.StreamOffset.from(RedisKeys.EVENTS, position.toString()));
        }
    }

    /** How far behind the head the position is: entries not yet handed over, from {@code next}, the oldest. */
    private Backplane.Lag lag(long added, String next, long redisMillis) {
        if (next.isEmpty()) {
            return Backplane.Lag.NONE;
        }
        long events = added < 0 || ordinal < 0 ? -1 : Math.max(0, added - ordinal);
        return new Backplane.Lag(events, Math.max(0, redisMillis - RedisEventLog.parseId(next).epoch()));
    }

    private static long redisMillis(Object seconds, Object micros) {
        return Long.parseLong(String.valueOf(seconds)) * 1000 + Long.parseLong(String.valueOf(micros)) / 1000;
    }

    @SuppressWarnings("unchecked")
    private void handOver(List<Object> entries, String next) {
        List<LoggedEvent> events = new ArrayList<>(entries.size());
        String last = null;
        for (Object entry : entries) {
            List<Object> message = (List<Object>) entry;
            last = (String) message.get(0);
            try {
                events.add(RedisEventLog.decode(message));
            } catch (RuntimeException notAnEvent) {
                // not written by a hub, so no publisher was told it was published: skipped on every
                // node alike (replays skip it too), and named in the health for a while
                LOG.log(Level.SEVERE, "SSE Hub: skipping the history's entry " + last + ", which is not a hub's "
                        + "event", notAnEvent);
                skipped = new Skipped(RedisEventLog.parseId(last), Reasons.of(notAnEvent), System.nanoTime());
            }
        }
        EventId end = RedisEventLog.parseId(last);
        if (!events.isEmpty()) {
            deliverOrGiveUp(events, next);
            Skipped seen = skipped;
            if (seen != null && events.get(events.size() - 1).id().compareTo(seen.id()) > 0) {
                skipped = null; // the follower went past it and delivers again
            }
        }
        position = end;
        ordinal = ordinal < 0 ? -1 : ordinal + entries.size();
    }

    /**
     * Hands the page over. A page that failed {@link #ATTEMPTS} - 1 turns in a row (a bug, not
     * Redis) is handed over one event at a time, and an event that fails then is given up with a
     * gap for the node's streams: no stream waits on it for ever, and no other event is lost.
     */
    private void deliverOrGiveUp(List<LoggedEvent> events, String next) {
        if (!position.equals(failedAfter)) {
            failedAfter = position;
            failedHandOvers = 0;
        }
        if (failedHandOvers < ATTEMPTS - 1) {
            try {
                delivery.deliver(events);
                failedHandOvers = 0;
                return;
            } catch (RuntimeException | Error failed) {
                failedHandOvers++;
                throw failed;
            }
        }
        failedHandOvers = 0;
        EventId before = position;
        for (int i = 0; i < events.size(); i++) {
            LoggedEvent event = events.get(i);
            try {
                delivery.deliver(List.of(event));
            } catch (RuntimeException | Error failed) {
                LOG.log(Level.SEVERE, "SSE Hub: giving up handing over the event " + event.id() + " after "
                        + ATTEMPTS + " failures; this node's streams get a gap", failed);
                String oldest = i + 1 < events.size() ? events.get(i + 1).id().toString() : next.isEmpty() ? null : next;
                delivery.discontinued(before, event.id(), oldest);
            }
            before = event.id();
        }
    }

    /** {@code null} while the follower turns as it should, or what is wrong with it. */
    String problem(long stuckNanos) {
        long since = System.nanoTime() - lastTurnNanos;
        if (since > stuckNanos) {
            return "the Redis follower has not come round for " + since / 1_000_000_000 + " s";
        }
        String failure = broken;
        if (failure != null) {
            return "the Redis follower failed: " + failure;
        }
        Skipped last = skipped;
        if (last != null && System.nanoTime() - last.atNanos() < UNREADABLE_REPORT_NANOS) {
            return "the Redis follower skipped the history's entry " + last.id() + ", which is not a hub's event: "
                    + last.reason();
        }
        return null;
    }

    /** How far behind the stream's head this node was at its last read. */
    Backplane.Lag lag() {
        return lag;
    }

    EventId position() {
        return position;
    }

    private record Skipped(EventId id, String reason, long atNanos) {
    }

    void stop() {
        stopped = true;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }
}
