package dev.ssehub.cluster;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.config.Settings;
import dev.ssehub.history.EventLog;
import dev.ssehub.hub.Backplane;
import dev.ssehub.hub.BackplaneUnavailableException;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.PublishKey;
import dev.ssehub.hub.Receipt;
import dev.ssehub.protocol.EventId;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Redis backplane: the history is one Redis Stream shared by every node, appended to by a
 * script that also trims it and records the publisher's key, and followed by each node.
 */
public final class RedisBackplane implements Backplane {

    private static final Logger LOG = Logger.getLogger(RedisBackplane.class.getName());
    /** How long a node waits at start for a Redis to learn where the history ends. */
    private static final long START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** A follower that has not come round for this long is stuck: its block is 1 s, a command's timeout 2 s. */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RedisLink link;
    private final RedisClock clock = new RedisClock();
    private final RedisEventLog log;
    private final BackplaneHealth health = new BackplaneHealth();
    private Delivery delivery;
    private StreamFollower follower;
    private Thread followerThread;
    private volatile boolean closed;

    public RedisBackplane(Settings settings) {
        this.link = new RedisLink(settings.redisUrl());
        this.log = new RedisEventLog(link, clock, settings);
    }

    @Override
    public Appended append(List<Publication> batch, PublishKey key) {
        try {
            RedisEventLog.Stored stored = log.append(batch, key);
            health.up();
            return stored.earlierAnswer() == null ? new Appended(stored.events(), null)
                    : new Appended(null, receipts(stored.earlierAnswer()));
        } catch (BackplaneUnavailableException down) {
            health.down(down);
            throw down;
        }
    }

    @Override
    public void answered(PublishKey key, List<Receipt> receipts) {
        JsonArrayBuilder answer = JSON.createArrayBuilder();
        for (Receipt receipt : receipts) {
            JsonArrayBuilder topics = JSON.createArrayBuilder();
            receipt.topics().forEach(topics::add);
            answer.add(JSON.createObjectBuilder().add("id", receipt.id()).add("topics", topics)
                    .add("recipients", receipt.recipients()));
        }
        try {
            log.answered(key, receipts.get(0).id(), answer.build().toString());
        } catch (BackplaneUnavailableException down) {
            // a repeat then answers with the same ids, counting no recipients
            LOG.log(Level.FINE, "could not record a publish's answer", down);
        }
    }

    @Override
    public EventLog history() {
        return log;
    }

    @Override
    public synchronized EventId follow(Delivery delivery) {
        EventId start = historyEnd();
        this.delivery = delivery;
        startFollower(start);
        return start;
    }

    private void startFollower(EventId from) {
        follower = new StreamFollower(link, health, clock, from, delivery);
        followerThread = new Thread(follower, "ssehub-redis-follower");
        followerThread.setDaemon(true);
        followerThread.start();
    }

    @Override
    public String problem() {
        try {
            link.commands().ping();
            health.up();
        } catch (RuntimeException down) {
            health.down(down);
        }
        String redis = health.problem();
        return redis != null ? redis : followerProblem();
    }

    /**
     * What keeps this node from delivering although Redis answers: a follower that failed, is
     * stuck, or has ended. One that has ended is started again from its position; one that is
     * stuck is left to come round (its blocked command times out) and reported meanwhile.
     */
    private synchronized String followerProblem() {
        if (follower == null || closed) {
            return null;
        }
        if (!followerThread.isAlive()) {
            EventId from = follower.position();
            LOG.severe("SSE Hub: the Redis follower had ended; starting it again from " + from);
            startFollower(from);
            return "the Redis follower had ended; it was started again from " + from;
        }
        return follower.problem(STUCK_NANOS);
    }

    @Override
    public synchronized Lag lag() {
        return follower == null ? Lag.NONE : follower.lag();
    }

    @Override
    public String state() {
        return health.problem() == null ? "redis-up" : "redis-down";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (follower != null) {
            follower.stop();
        }
        link.close();
        if (followerThread != null) {
            try {
                followerThread.join(TimeUnit.SECONDS.toMillis(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The last id the stream ever gave, trimmed or not, so that this node delivers what comes
     * after; waits for Redis at start, since a node that does not know the end cannot follow.
     */
    private EventId historyEnd() {
        long deadline = System.nanoTime() + START_WAIT_NANOS;
        while (true) {
            try {
                return lastGeneratedId();
            } catch (RuntimeException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ssehub.redis.url: Redis did not answer within 30 s: "
                            + Reasons.of(unreachable), unreachable);
                }
                LOG.warning("SSE Hub: waiting for Redis: " + Reasons.of(unreachable));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Redis", e);
                }
            }
        }
    }

    private EventId lastGeneratedId() {
        List<Object> info;
        try {
            clock.sample(link.commands().time(), System.currentTimeMillis());
        } catch (RedisException failed) {
            throw new BackplaneUnavailableException(Reasons.of(failed), failed);
        }
        try {
            info = link.commands().xinfoStream(RedisKeys.EVENTS);
        } catch (RedisCommandExecutionException noStream) {
            if (String.valueOf(noStream.getMessage()).contains("no such key")) {
                return new EventId(0, 0);
            }
            throw noStream;
        } catch (RedisException failed) {
            throw new BackplaneUnavailableException(Reasons.of(failed), failed);
        }
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if ("last-generated-id".equals(info.get(i))) {
                return RedisEventLog.parseId((String) info.get(i + 1));
            }
        }
        throw new IllegalStateException("XINFO STREAM told no last-generated-id");
    }

    private static List<Receipt> receipts(String answer) {
        try (var reader = JSON.createReader(new StringReader(answer))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(json -> new Receipt(json.getString("id"),
                            json.getJsonArray("topics").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString).toList(),
                            json.getInt("recipients")))
                    .toList();
        }
    }
}
