package dev.ssehub.cluster;

import dev.ssehub.config.Settings;
import dev.ssehub.history.EventLog;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.Replay;
import dev.ssehub.hub.BackplaneUnavailableException;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.PublishKey;
import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.SseEncoder;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's history: one Redis Stream, whose ids ({@code <ms>-<n>}, strictly increasing
 * whoever appends) are the events' ids. Appending, trimming by count, bytes and age, and the
 * publisher's key record happen in one script, so they are one atomic step in Redis.
 */
final class RedisEventLog implements EventLog {

    private static final Logger LOG = Logger.getLogger(RedisEventLog.class.getName());
    private static final String[] KEYS = {RedisKeys.EVENTS, RedisKeys.LAST_TRIMMED, RedisKeys.BYTES};
    private static final LuaScript APPEND = LuaScript.load("append.lua");
    private static final LuaScript READ = LuaScript.load("read.lua");

    /**
     * How long after a publish's deadline this node waits before it says "not stored": Redis's
     * time is read in whole ms, and the offset was sampled a while ago.
     */
    private static final long DEADLINE_MARGIN_MILLIS = 20;

    private final RedisLink link;
    private final RedisClock clock;
    private final long appendBudgetMillis;
    private final String maxEvents;
    private final String maxBytes;
    private final String ttlMillis;

    RedisEventLog(RedisLink link, RedisClock clock, Settings settings) {
        this.link = link;
        this.clock = clock;
        // the rest of ssehub.publish.timeout is for this node's own delivery, to count recipients
        this.appendBudgetMillis = Math.max(1, settings.publishTimeout().toMillis() * 2 / 5);
        this.maxEvents = String.valueOf(settings.historySize());
        this.maxBytes = String.valueOf(settings.historyMaxBytes());
        this.ttlMillis = String.valueOf(settings.historyTtl().toMillis());
    }

    @Override
    public LoggedEvent append(Publication publication) {
        return append(List.of(publication), null).events().get(0);
    }

    Stored append(List<Publication> batch, PublishKey key) {
        return append(batch, key, System.currentTimeMillis() + appendBudgetMillis);
    }

    /** What the append script answered: the events stored, or the earlier answer for the key. */
    record Stored(List<LoggedEvent> events, String earlierAnswer) {
    }

    /**
     * Stores the batch unless Redis runs the script after {@code deadlineMillis} (this JVM's wall
     * clock): when this throws, nothing was stored and nothing will be, even if Redis was frozen
     * and runs the command later.
     */
    Stored append(List<Publication> batch, PublishKey key, long deadlineMillis) {
        List<String> args = new ArrayList<>(5 + 3 * batch.size());
        args.addAll(List.of(maxEvents, maxBytes, ttlMillis, String.valueOf(batch.size())));
        for (Publication publication : batch) {
            args.add(PublicationCodec.encode(publication));
            args.add(String.valueOf(SseEncoder.maxEncodedLength(publication.message())));
            args.add(PublicationCodec.topics(publication));
        }
        args.add(String.valueOf(clock.toRedis(deadlineMillis)));
        String[] keys = {KEYS[0], KEYS[1], KEYS[2], key == null ? "" : RedisKeys.publishKey(key)};
        List<Object> answer = appendBefore(deadlineMillis, keys, args.toArray(String[]::new));
        if (((Long) answer.get(0)) == 2) {
            throw new BackplaneUnavailableException("Redis ran the append after the publish's deadline, "
                    + "and stored nothing", null);
        }
        if (((Long) answer.get(0)) == 1) {
            return new Stored(null, (String) answer.get(1));
        }
        List<LoggedEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            EventId id = parseId((String) answer.get(i + 1));
            events.add(new LoggedEvent(id, batch.get(i), id.epoch()));
        }
        return new Stored(events, null);
    }

    /**
     * A failure after the command may have reached Redis tells nothing until the deadline has
     * passed: from then on the script refuses itself, so "not stored" is true.
     */
    private List<Object> appendBefore(long deadlineMillis, String[] keys, String[] args) {
        try {
            return APPEND.runBefore(link.commandsAsync(), deadlineMillis, keys, args);
        } catch (TimeoutException late) {
            awaitPast(deadlineMillis);
            throw new BackplaneUnavailableException("Redis did not answer before the publish's deadline; "
                    + "the append refuses itself after it, so nothing was stored", late);
        } catch (BackplaneUnavailableException refused) {
            throw refused;
        } catch (RedisException failed) {
            if (!String.valueOf(failed.getMessage()).contains("not connected")) {
                awaitPast(deadlineMillis); // the command may be on its way; wait until it cannot run
            }
            throw new BackplaneUnavailableException("Redis did not answer: " + Reasons.of(failed), failed);
        }
    }

    private static void awaitPast(long deadlineMillis) {
        long left;
        while ((left = deadlineMillis + DEADLINE_MARGIN_MILLIS - System.currentTimeMillis()) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(left));
        }
    }

    /** Rewrites a key's record with the answer as it was given, keeping its first id and its expiry. */
    void answered(PublishKey key, String firstId, String answer) {
        call(redis -> redis.set(RedisKeys.publishKey(key), firstId + "\n" + answer,
                SetArgs.Builder.xx().keepttl()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Replay read(EventId after, int maxEvents, long maxBytes) {
        List<Object> answer = call(redis -> READ.run(redis, KEYS, after == null ? "" : after.toString(),
                String.valueOf(maxEvents + 1), this.maxEvents, this.maxBytes, ttlMillis));
        boolean gap = (Long) answer.get(0) == 1;
        String oldest = (String) answer.get(1);
        List<Object> entries = (List<Object>) answer.get(2);
        List<LoggedEvent> events = new ArrayList<>();
        long taken = 0;
        boolean more = false;
        for (Object entry : entries) {
            if (events.size() == maxEvents) {
                more = true;
                break;
            }
            LoggedEvent event = decodeOrSkip((List<Object>) entry);
            if (event == null) {
                continue;
            }
            if (!events.isEmpty() && taken + event.frame().length > maxBytes) {
                more = true;
                break;
            }
            events.add(event);
            taken += event.frame().length;
        }
        return new Replay(gap, oldest.isEmpty() ? null : oldest, events, more);
    }

    @Override
    public void expire() {
        // trimmed by every append and every read, in Redis
    }

    @Override
    public int size() {
        return call(redis -> redis.xlen(RedisKeys.EVENTS)).intValue();
    }

    @Override
    public EventId oldestId() {
        return call(redis -> redis.xrange(RedisKeys.EVENTS, Range.unbounded(),
                Limit.from(1))).stream().findFirst().map(m -> parseId(m.getId())).orElse(null);
    }

    @Override
    public long bytes() {
        String bytes = call(redis -> redis.get(RedisKeys.BYTES));
        return bytes == null ? 0 : Long.parseLong(bytes);
    }

    @SuppressWarnings("unchecked")
    static LoggedEvent decode(List<Object> entry) {
        EventId id = parseId((String) entry.get(0));
        List<Object> fields = (List<Object>) entry.get(1);
        for (int i = 0; i < fields.size(); i += 2) {
            if ("p".equals(fields.get(i))) {
                return new LoggedEvent(id, PublicationCodec.decode((String) fields.get(i + 1)), id.epoch());
            }
        }
        throw new IllegalStateException("the history's entry " + id + " holds no publication");
    }

    /**
     * {@code null} for an entry no hub wrote: followers skip it, so a replay does too, rather than
     * fail each time the client resumes.
     */
    private static LoggedEvent decodeOrSkip(List<Object> entry) {
        try {
            return decode(entry);
        } catch (RuntimeException notAnEvent) {
            LOG.log(Level.FINE, "a replay skips the history's entry " + entry.get(0), notAnEvent);
            return null;
        }
    }

    static LoggedEvent decode(String id, String publication) {
        EventId parsed = parseId(id);
        return new LoggedEvent(parsed, PublicationCodec.decode(publication), parsed.epoch());
    }

    static EventId parseId(String id) {
        return EventId.parse(id).orElseThrow(() -> new IllegalStateException("Redis gave the id '" + id + "'"));
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(link.commands());
        } catch (RedisException failed) {
            throw new BackplaneUnavailableException("Redis did not answer: " + Reasons.of(failed), failed);
        }
    }
}
