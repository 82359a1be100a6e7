package dev.ssehub.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private static final long UNBOUNDED = Long.MAX_VALUE;

    private final MutableClock clock = new MutableClock(1_000_000L);

    @Test
    void issuesStrictlyIncreasingIdsOfItsEpochAndEncodesWithThem() {
        InMemoryEventLog log = log(10, UNBOUNDED);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "b");

        assertThat(first.id()).isEqualTo(new EventId(1_000_000L, 1));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(new String(second.frame(), StandardCharsets.UTF_8)).contains("id: " + second.id() + "\n");
        assertThat(second.frame()).as("encoded once, then shared").isSameAs(second.frame());
    }

    @Test
    void readsWhatFollowsAnIdOrEverythingFromTheOldest() {
        InMemoryEventLog log = log(10, UNBOUNDED);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "b");
        LoggedEvent third = append(log, "a");

        assertThat(log.read(first.id(), 100, UNBOUNDED)).isEqualTo(new Replay(false, first.id().toString(),
                List.of(second, third), false));
        assertThat(log.read(third.id(), 100, UNBOUNDED).events()).isEmpty();
        assertThat(log.read(null, 100, UNBOUNDED).events()).containsExactly(first, second, third);
        assertThat(log.read(null, 100, UNBOUNDED).gap()).isFalse();
    }

    @Test
    void readsInPagesBoundedByCountAndBytes() {
        InMemoryEventLog log = log(100, UNBOUNDED);
        for (int i = 0; i < 10; i++) {
            append(log, "a");
        }
        long frameBytes = log.read(null, 1, UNBOUNDED).events().get(0).frame().length;

        Replay byCount = log.read(null, 4, UNBOUNDED);
        Replay byBytes = log.read(byCount.last().id(), 100, frameBytes * 3);
        Replay rest = log.read(byBytes.last().id(), 100, UNBOUNDED);

        assertThat(byCount.events()).hasSize(4);
        assertThat(byCount.more()).isTrue();
        assertThat(byBytes.events()).hasSize(3);
        assertThat(byBytes.more()).isTrue();
        assertThat(rest.events()).hasSize(3);
        assertThat(rest.more()).isFalse();
        assertThat(log.read(null, 100, 1).events()).as("one event, however large").hasSize(1);
    }

    @Test
    void reportsAGapOnlyWhenEventsAfterTheIdHaveLeftTheHistory() {
        InMemoryEventLog log = log(2, UNBOUNDED);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "a");
        LoggedEvent third = append(log, "a");
        LoggedEvent fourth = append(log, "a");

        Replay afterFirst = log.read(first.id(), 100, UNBOUNDED);
        assertThat(afterFirst.gap()).isTrue();
        assertThat(afterFirst.oldestId()).isEqualTo(third.id().toString());
        assertThat(afterFirst.events()).containsExactly(third, fourth);

        Replay afterSecond = log.read(second.id(), 100, UNBOUNDED);
        assertThat(afterSecond.gap()).as("the client saw the last evicted event: nothing is lost").isFalse();
        assertThat(afterSecond.events()).containsExactly(third, fourth);
    }

    @Test
    void boundsTheHistoryByEncodedBytesDroppingTheOldestFirst() {
        InMemoryEventLog probe = log(10, UNBOUNDED);
        LoggedEvent tenth = null;
        for (int i = 0; i < 10; i++) {
            tenth = append(probe, "a");
        }
        long oneEvent = tenth.frame().length; // the longest of the ten: its sequence has two digits
        InMemoryEventLog log = log(100, oneEvent * 3);
        for (int i = 0; i < 10; i++) {
            append(log, "a");
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.bytes()).isLessThanOrEqualTo(oneEvent * 3);
        assertThat(log.read(null, 100, UNBOUNDED).events()).extracting(e -> e.id().sequence())
                .containsExactly(8L, 9L, 10L);
    }

    @Test
    void keepsTheNewestEventEvenWhenItAloneIsOverTheByteBound() {
        InMemoryEventLog log = log(100, 1);
        append(log, "a");
        LoggedEvent newest = append(log, "a");

        assertThat(log.read(null, 100, UNBOUNDED).events()).containsExactly(newest);
    }

    @Test
    void keepsNothingWhenTheHistorySizeIsZeroButStillIssuesIds() {
        InMemoryEventLog log = log(0, UNBOUNDED);
        LoggedEvent first = append(log, "a");
        LoggedEvent second = append(log, "a");

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(log.size()).isZero();
        assertThat(log.read(second.id(), 100, UNBOUNDED).gap()).isFalse();
        assertThat(log.read(first.id(), 100, UNBOUNDED).gap()).isTrue();
    }

    @Test
    void reportsAGapForAnotherEpochOrAnIdNeverIssued() {
        InMemoryEventLog log = log(10, UNBOUNDED);
        LoggedEvent only = append(log, "a");

        for (EventId asked : List.of(new EventId(999, 1), new EventId(log.epoch(), 2))) {
            Replay replay = log.read(asked, 100, UNBOUNDED);
            assertThat(replay.gap()).as(asked.toString()).isTrue();
            assertThat(replay.events()).as(asked.toString()).containsExactly(only);
        }
    }

    @Test
    void anEmptyRestartedHubReportsAGapWithNoOldestId() {
        EventId seen = append(log(10, UNBOUNDED), "a").id();
        clock.advance(Duration.ofSeconds(5));
        InMemoryEventLog restarted = log(10, UNBOUNDED);

        assertThat(restarted.read(seen, 100, UNBOUNDED)).isEqualTo(new Replay(true, null, List.of(), false));
    }

    @Test
    void forgetsEventsOlderThanTheTimeToLive() {
        InMemoryEventLog log = new InMemoryEventLog(10, UNBOUNDED, Duration.ofSeconds(60), clock);
        LoggedEvent old = append(log, "a");
        clock.advance(Duration.ofSeconds(30));
        LoggedEvent recent = append(log, "a");
        clock.advance(Duration.ofSeconds(31));

        log.expire();

        assertThat(log.size()).isEqualTo(1);
        Replay replay = log.read(old.id(), 100, UNBOUNDED);
        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).containsExactly(recent);
        assertThat(log.read(new EventId(log.epoch(), 0), 100, UNBOUNDED).gap()).isTrue();
    }

    private InMemoryEventLog log(int maxEvents, long maxBytes) {
        return new InMemoryEventLog(maxEvents, maxBytes, Duration.ofHours(1), clock);
    }

    private static LoggedEvent append(InMemoryEventLog log, String topic) {
        return log.append(Publication.of(topic, "data"));
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
