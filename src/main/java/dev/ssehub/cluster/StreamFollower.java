package dev.ssehub.cluster;

import dev.ssehub.history.LoggedEvent;
import dev.ssehub.protocol.EventId;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the shared history as it grows and hands each new event to the node's fan-out, in id
 * order, from one thread. After an outage it reads on from the last id it handed over, so what
 * Redis accepted meanwhile reaches this node's streams once, late rather than never.
 */
final class StreamFollower implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamFollower.class.getName());
    private static final long BLOCK_MILLIS = 1000;
    private static final int BATCH = 1024;
    private static final long RETRY_MILLIS = 200;

    private final RedisLink link;
    private final BackplaneHealth health;
    private final Consumer<List<LoggedEvent>> deliver;
    private volatile boolean stopped;
    private EventId position;

    StreamFollower(RedisLink link, BackplaneHealth health, EventId start, Consumer<List<LoggedEvent>> deliver) {
        this.link = link;
        this.health = health;
        this.position = start;
        this.deliver = deliver;
    }

    @Override
    public void run() {
        while (!stopped) {
            List<StreamMessage<String, String>> messages;
            try {
                messages = link.follower().xread(XReadArgs.Builder.block(BLOCK_MILLIS).count(BATCH),
                        XReadArgs.StreamOffset.from(RedisKeys.EVENTS, position.toString()));
                health.up();
            } catch (RuntimeException failed) {
                if (stopped) {
                    return;
                }
                health.down(failed);
                pause();
                continue;
            }
            if (messages != null && !messages.isEmpty()) {
                handOver(messages);
            }
        }
    }

    private void handOver(List<StreamMessage<String, String>> messages) {
        List<LoggedEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            try {
                events.add(RedisEventLog.decode(message.getId(), message.getBody().get("p")));
            } catch (RuntimeException unreadable) {
                // not written by a hub: skipped on every node alike, and never again
                LOG.log(Level.WARNING, "skipping the history's entry " + message.getId() + ", which is not a hub's event",
                        unreadable);
            }
        }
        if (!events.isEmpty()) {
            deliver.accept(events);
        }
        position = RedisEventLog.parseId(messages.get(messages.size() - 1).getId());
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
