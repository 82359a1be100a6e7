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
import java.util.function.Function;

/**
 * The cluster's history: one Redis Stream, whose ids ({@code <ms>-<n>}, strictly increasing
 * whoever appends) are the events' ids. Appending, trimming by count, bytes and age, and the
 * publisher's key record happen in one script, so they are one atomic step in Redis.
 */
final class RedisEventLog implements EventLog {

    private static final String[] KEYS = {RedisKeys.EVENTS, RedisKeys.LAST_TRIMMED, RedisKeys.BYTES};
    private static final LuaScript APPEND = LuaScript.load("append.lua");
    private static final LuaScript READ = LuaScript.load("read.lua");

    private final RedisLink link;
    private final String maxEvents;
    private final String maxBytes;
    private final String ttlMillis;

    RedisEventLog(RedisLink link, Settings settings) {
        this.link = link;
        this.maxEvents = String.valueOf(settings.historySize());
        this.maxBytes = String.valueOf(settings.historyMaxBytes());
        this.ttlMillis = String.valueOf(settings.historyTtl().toMillis());
    }

    @Override
    public LoggedEvent append(Publication publication) {
        return append(List.of(publication), null).events().get(0);
    }

    /** What the append script answered: the events stored, or the earlier answer for the key. */
    record Stored(List<LoggedEvent> events, String earlierAnswer) {
    }

    Stored append(List<Publication> batch, PublishKey key) {
        List<String> args = new ArrayList<>(4 + 3 * batch.size());
        args.addAll(List.of(maxEvents, maxBytes, ttlMillis, String.valueOf(batch.size())));
        for (Publication publication : batch) {
            args.add(PublicationCodec.encode(publication));
            args.add(String.valueOf(SseEncoder.maxEncodedLength(publication.message())));
            args.add(PublicationCodec.topics(publication));
        }
        String[] keys = {KEYS[0], KEYS[1], KEYS[2], key == null ? "" : RedisKeys.publishKey(key)};
        List<Object> answer = call(redis -> APPEND.run(redis, keys, args.toArray(String[]::new)));
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
            LoggedEvent event = decode((List<Object>) entry);
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
    private static LoggedEvent decode(List<Object> entry) {
        EventId id = parseId((String) entry.get(0));
        List<Object> fields = (List<Object>) entry.get(1);
        for (int i = 0; i < fields.size(); i += 2) {
            if ("p".equals(fields.get(i))) {
                return new LoggedEvent(id, PublicationCodec.decode((String) fields.get(i + 1)), id.epoch());
            }
        }
        throw new IllegalStateException("the history's entry " + id + " holds no publication");
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
