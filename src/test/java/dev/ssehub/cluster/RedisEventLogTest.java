package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.Settings;
import dev.ssehub.config.TestSettings;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.Replay;
import dev.ssehub.hub.BackplaneUnavailableException;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.PublishKey;
import dev.ssehub.protocol.EventId;
import dev.ssehub.testing.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared history's scripts against a real redis-server: ids, trimming, gaps and keys. */
class RedisEventLogTest {

    private static RedisServer redis;
    private RedisLink link;

    @BeforeAll
    static void startRedis() {
        redis = new RedisServer().start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void emptyRedis() {
        link.commands().flushall();
        link.close();
    }

    private RedisEventLog log(Map<String, String> settings) {
        link = new RedisLink(redis.url());
        Settings loaded = TestSettings.with(settings);
        RedisClock clock = new RedisClock();
        clock.sample(link.commands().time(), System.currentTimeMillis());
        return new RedisEventLog(link, clock, loaded);
    }

    @Test
    void appendsGetIncreasingIdsAndComeBackAsPublished() {
        RedisEventLog log = log(Map.of());
        Publication first = new Publication(List.of("a", "b"), "order", "line one\nline two", 1500L, true, Set.of("ann"));
        List<LoggedEvent> stored = log.append(List.of(first, Publication.of("a", "2")), null).events();
        assertThat(stored.get(0).id()).isLessThan(stored.get(1).id());

        Replay replay = log.read(null, 10, 1 << 20);
        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).extracting(LoggedEvent::id).containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(replay.events().get(0).publication()).isEqualTo(first);
        assertThat(replay.events().get(0).frame()).isEqualTo(stored.get(0).frame());
    }

    @Test
    void aReadAfterAKeptIdHasNoGapAndPagesWithMore() {
        RedisEventLog log = log(Map.of());
        List<LoggedEvent> stored = log.append(List.of(Publication.of("a", "1"), Publication.of("a", "2"),
                Publication.of("a", "3")), null).events();
        Replay page = log.read(stored.get(0).id(), 1, 1 << 20);
        assertThat(page.gap()).isFalse();
        assertThat(page.events()).extracting(LoggedEvent::id).containsExactly(stored.get(1).id());
        assertThat(page.more()).isTrue();
        assertThat(log.read(stored.get(2).id(), 10, 1 << 20).events()).isEmpty();
    }

    @Test
    void trimmingByCountTellsAGapOnlyToThoseWhoMissedSomething() {
        RedisEventLog log = log(Map.of("ssehub.history.size", "2"));
        List<LoggedEvent> stored = Stream.of("1", "2", "3", "4")
                .map(data -> log.append(List.of(Publication.of("a", data)), null).events().get(0)).toList();
        assertThat(log.size()).isEqualTo(2);
        Replay fromTheLastTrimmed = log.read(stored.get(1).id(), 10, 1 << 20);
        assertThat(fromTheLastTrimmed.gap()).isFalse();
        assertThat(fromTheLastTrimmed.events()).hasSize(2);
        Replay fromBefore = log.read(stored.get(0).id(), 10, 1 << 20);
        assertThat(fromBefore.gap()).isTrue();
        assertThat(fromBefore.oldestId()).isEqualTo(stored.get(2).id().toString());
        assertThat(fromBefore.events()).extracting(LoggedEvent::id).containsExactly(stored.get(2).id(), stored.get(3).id());
    }

    @Test
    void trimmingByBytesKeepsTheNewestEvent() {
        RedisEventLog log = log(Map.of("ssehub.history.max-bytes", "100"));
        log.append(List.of(Publication.of("a", "x".repeat(80))), null);
        LoggedEvent newest = log.append(List.of(Publication.of("a", "y".repeat(80))), null).events().get(0);
        assertThat(log.read(null, 10, 1 << 20).events()).extracting(LoggedEvent::id).containsExactly(newest.id());
        assertThat(log.bytes()).isLessThanOrEqualTo(200);
    }

    @Test
    void anIdNeverIssuedHereOrFromAnEmptiedRedisIsAGap() {
        RedisEventLog log = log(Map.of());
        LoggedEvent kept = log.append(List.of(Publication.of("a", "1")), null).events().get(0);
        assertThat(log.read(new EventId(kept.id().epoch() + 1000, 0), 10, 1 << 20).gap()).isTrue();
        link.commands().flushall();
        Replay afterLoss = log.read(kept.id(), 10, 1 << 20);
        assertThat(afterLoss.gap()).isTrue();
        assertThat(afterLoss.oldestId()).isNull();
    }

    @Test
    void aKeyUsedAgainStoresNothingAndAnswersTheFirstReceipts() {
        RedisEventLog log = log(Map.of());
        PublishKey key = new PublishKey("ann", "retry-1");
        RedisEventLog.Stored first = log.append(List.of(Publication.of("a", "1")), key);
        String id = first.events().get(0).id().toString();
        log.answered(key, id, "[{\"id\":\"" + id + "\",\"topics\":[\"a\"],\"recipients\":3}]");

        RedisEventLog.Stored repeat = log.append(List.of(Publication.of("a", "1")), key);
        assertThat(repeat.events()).isNull();
        assertThat(repeat.earlierAnswer()).contains(id).contains("\"recipients\":3");
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.append(List.of(Publication.of("a", "1")), new PublishKey("bob", "retry-1")).events()).hasSize(1);
    }

    @Test
    void anAppendThatRunsAfterItsDeadlineStoresNothing() {
        RedisEventLog log = log(Map.of());
        assertThatThrownBy(() -> log.append(List.of(Publication.of("a", "late")), null,
                System.currentTimeMillis() - 1000)).isInstanceOf(BackplaneUnavailableException.class);
        assertThat(log.size()).isZero();
    }

    @Test
    void aPublishRefusedWhileRedisWasFrozenIsNotStoredWhenRedisWakesUp() {
        RedisEventLog log = log(Map.of());
        log.append(List.of(Publication.of("a", "before")), null); // connected and the script known
        redis.pause();
        try {
            assertThatThrownBy(() -> log.append(List.of(Publication.of("a", "frozen")), null,
                    System.currentTimeMillis() + 300)).isInstanceOf(BackplaneUnavailableException.class);
        } finally {
            redis.resume();
        }
        // the frozen append is ahead of this read on the same connection: it has run by now
        assertThat(log.read(null, 10, 1 << 20).events()).extracting(e -> e.publication().data())
                .containsExactly("before");
    }

    @Test
    void aBatchLargerThanTheHistoryIsKeptWholeUntilTheNextAppend() {
        RedisEventLog log = log(Map.of("ssehub.history.max-bytes", "100", "ssehub.history.size", "2"));
        List<LoggedEvent> batch = log.append(List.of(Publication.of("a", "x".repeat(80)),
                Publication.of("a", "y".repeat(80)), Publication.of("a", "z".repeat(80))), null).events();
        assertThat(log.read(null, 10, 1 << 20).events()).extracting(LoggedEvent::id)
                .containsExactlyElementsOf(batch.stream().map(LoggedEvent::id).toList());
    }
}
