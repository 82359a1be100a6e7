package dev.ssehub.cluster;

import dev.ssehub.history.LoggedEvent;
import dev.ssehub.hub.Backplane;
import dev.ssehub.protocol.EventId;
import io.lettuce.core.RedisException;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
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
        if ((Long) answer.get(0) == 0) {
            EventId from = RedisEventLog.parseId((String) answer.get(1));
            String oldest = entries.isEmpty() ? null : (String) ((List<Object>) entries.get(0)).get(0);
            LOG.warning("SSE Hub: the history no longer holds this node's position " + position
                    + " (it fell behind the trimming, or Redis lost data); its streams get a gap");
            delivery.discontinued(position, from, oldest);
            position = from;
        }
        if (entries.isEmpty()) {
            // nothing new: wait for the next append, then read it with the proof above
            link.follower().xread(XReadArgs.Builder.block(BLOCK_MILLIS).count(1),
                    XReadArgs.StreamOffset.from(RedisKeys.EVENTS, position.toString()));
            return;
        }
        handOver(entries);
    }

    @SuppressWarnings("unchecked")
    private void handOver(List<Object> entries) {
        List<LoggedEvent> events = new ArrayList<>(entries.size());
        String last = null;
        for (Object entry : entries) {
            List<Object> message = (List<Object>) entry;
            last = (String) message.get(0);
            try {
                events.add(RedisEventLog.decode(message));
            } catch (RuntimeException unreadable) {
                // not written by a hub: skipped on every node alike, and never again
                LOG.log(Level.WARNING, "skipping the history's entry " + last + ", which is not a hub's event",
                        unreadable);
            }
        }
        if (!events.isEmpty()) {
            delivery.deliver(events);
        }
        position = RedisEventLog.parseId(last);
    }

    /** {@code null} while the follower turns as it should, or what is wrong with it. */
    String problem(long stuckNanos) {
        long since = System.nanoTime() - lastTurnNanos;
        if (since > stuckNanos) {
            return "the Redis follower has not come round for " + since / 1_000_000_000 + " s";
        }
        String failure = broken;
        return failure == null ? null : "the Redis follower failed: " + failure;
    }

    EventId position() {
        return position;
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
