package dev.ssehub.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.protocol.EventId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private final MutableClock clock = new MutableClock(1_000_000L);

    @Test
    void issuesStrictlyIncreasingIdsOfItsEpochAndEncodesWithThem() {
        InMemoryEventLog log = new InMemoryEventLog(10, Duration.ofHours(1), clock);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "b");

        assertThat(first.id()).isEqualTo(new EventId(1_000_000L, 1));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(new String(second.frame(), StandardCharsets.UTF_8)).isEqualTo(second.id().toString());
    }

    @Test
    void replaysWhatCameAfterTheAskedId() {
        InMemoryEventLog log = new InMemoryEventLog(10, Duration.ofHours(1), clock);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "b");
        LoggedEvent third = append(log, "a");

        Replay replay = log.replayAfter(first.id().toString());

        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).containsExactly(second, third);
        assertThat(log.replayAfter(third.id().toString()).events()).isEmpty();
        assertThat(log.replayAfter(null)).isEqualTo(Replay.NONE);
    }

    @Test
    void sequenceZeroOfTheEpochAsksForEverything() {
        InMemoryEventLog log = new InMemoryEventLog(10, Duration.ofHours(1), clock);
        append(log, "a");
        append(log, "b");

        Replay replay = log.replayAfter(log.epoch() + "-0");

        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).hasSize(2);
    }

    @Test
    void reportsAGapWhenTheAskedIdHasLeftTheHistory() {
        InMemoryEventLog log = new InMemoryEventLog(2, Duration.ofHours(1), clock);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "a");
        LoggedEvent third = append(log, "a");
        LoggedEvent fourth = append(log, "a");

        Replay afterFirst = log.replayAfter(first.id().toString());
        assertThat(afterFirst.gap()).isTrue();
        assertThat(afterFirst.oldestId()).isEqualTo(third.id().toString());
        assertThat(afterFirst.events()).containsExactly(third, fourth);

        Replay afterSecond = log.replayAfter(second.id().toString());
        assertThat(afterSecond.gap()).as("the client saw the last evicted event: nothing is lost").isFalse();
        assertThat(afterSecond.events()).containsExactly(third, fourth);
    }

    @Test
    void reportsAGapForAnotherEpochAnIdNeverIssuedOrAForeignId() {
        InMemoryEventLog log = new InMemoryEventLog(10, Duration.ofHours(1), clock);
        LoggedEvent only = append(log, "a");

        for (String asked : List.of("999-1", log.epoch() + "-2", "not-an-id", "42")) {
            Replay replay = log.replayAfter(asked);
            assertThat(replay.gap()).as(asked).isTrue();
            assertThat(replay.events()).as(asked).containsExactly(only);
        }
    }

    @Test
    void anEmptyRestartedHubReportsAGapWithNoOldestId() {
        InMemoryEventLog before = new InMemoryEventLog(10, Duration.ofHours(1), clock);
        String seen = append(before, "a").id().toString();
        clock.advance(Duration.ofSeconds(5));
        InMemoryEventLog restarted = new InMemoryEventLog(10, Duration.ofHours(1), clock);

        Replay replay = restarted.replayAfter(seen);

        assertThat(replay).isEqualTo(new Replay(true, null, List.of()));
    }

    @Test
    void forgetsEventsOlderThanTheTimeToLive() {
        InMemoryEventLog log = new InMemoryEventLog(10, Duration.ofSeconds(60), clock);
        LoggedEvent old = append(log, "a");
        clock.advance(Duration.ofSeconds(30));
        LoggedEvent recent = append(log, "a");
        clock.advance(Duration.ofSeconds(31));

        log.expire();

        assertThat(log.size()).isEqualTo(1);
        Replay replay = log.replayAfter(old.id().toString());
        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).containsExactly(recent);
        assertThat(log.replayAfter(new EventId(log.epoch(), 0).toString()).gap()).isTrue();
    }

    private static LoggedEvent append(InMemoryEventLog log, String topic) {
        return log.append(List.of(topic), false, Set.of(), id -> id.toString().getBytes(StandardCharsets.UTF_8));
    }

    static final class MutableClock extends Clock {
        private long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(Duration duration) {
            millis += duration.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
