package dev.ssehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.config.TestSettings;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.hub.Backplane;
import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;
import dev.ssehub.testing.RedisServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follower against a real redis-server: it proves continuity on every read, and tells the
 * fan-out of a hole (trimmed past it, or Redis emptied) before it hands over what is kept.
 */
class StreamFollowerTest {

    private static RedisServer redis;
    private RedisLink link;
    private RedisClock clock;
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());
    private StreamFollower follower;
    private Thread thread;

    @BeforeAll
    static void startRedis() {
        redis = new RedisServer().start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connect() {
        link = new RedisLink(redis.url());
        clock = new RedisClock();
        clock.sample(link.commands().time(), System.currentTimeMillis());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (follower != null) {
            follower.stop();
            thread.join(5000);
        }
        link.commands().flushall();
        link.close();
    }

    @Test
    void aFollowerThatFellBehindTheTrimmingIsToldOfTheHoleBeforeItGetsWhatIsKept() {
        RedisEventLog log = log(Map.of("ssehub.history.size", "3"));
        EventId position = log.append(List.of(Publication.of("a", "seen")), null).events().get(0).id();
        List<LoggedEvent> later = IntStream.range(0, 8)
                .mapToObj(i -> log.append(List.of(Publication.of("a", "" + i)), null).events().get(0)).toList();
        start(position); // as a node paused while those were published and trimmed

        await().until(() -> told.size() >= 4);
        assertThat(told.get(0)).isEqualTo("gap after " + position + " from " + later.get(4).id() + " oldest "
                + later.get(5).id());
        assertThat(told.subList(1, 4)).containsExactly("event " + later.get(5).id(), "event " + later.get(6).id(),
                "event " + later.get(7).id());
    }

    @Test
    void aFollowerWhosePositionIsExactlyTheLastTrimmedIdHasLostNothing() {
        RedisEventLog log = log(Map.of("ssehub.history.size", "2"));
        List<LoggedEvent> stored = IntStream.range(0, 4)
                .mapToObj(i -> log.append(List.of(Publication.of("a", "" + i)), null).events().get(0)).toList();
        start(stored.get(1).id());

        await().until(() -> told.size() >= 2);
        assertThat(told).containsExactly("event " + stored.get(2).id(), "event " + stored.get(3).id());
    }

    @Test
    void redisEmptiedBehindALiveFollowerIsAHoleAndWhatIsAppendedAfterArrives() {
        RedisEventLog log = log(Map.of());
        start(new EventId(0, 0));
        EventId first = log.append(List.of(Publication.of("a", "1")), null).events().get(0).id();
        await().until(() -> told.contains("event " + first));

        link.commands().flushall();
        EventId after = log.append(List.of(Publication.of("a", "2")), null).events().get(0).id();

        await().until(() -> told.size() >= 3);
        assertThat(told.get(1)).startsWith("gap after " + first + " from 0-0");
        assertThat(told.get(2)).isEqualTo("event " + after);
        assertThat(after).isGreaterThan(first);
    }

    @Test
    void anUnreadableEntryIsSkippedAndTheFollowerGoesOn() {
        RedisEventLog log = log(Map.of());
        start(new EventId(0, 0));
        link.commands().xadd(RedisKeys.EVENTS, Map.of("p", "not json", "b", "10"));
        EventId next = log.append(List.of(Publication.of("a", "1")), null).events().get(0).id();

        await().until(() -> told.contains("event " + next));
        assertThat(follower.problem(Long.MAX_VALUE)).isNull();
    }

    @Test
    void anUnreadableEntryIsNamedInTheProblemUntilTheFollowerHandsOverAnEventAfterIt() {
        RedisEventLog log = log(Map.of());
        start(new EventId(0, 0));
        String junk = link.commands().xadd(RedisKeys.EVENTS, Map.of("p", "{\"topics\":[\"a\"]}", "b", "10"));

        await().until(() -> follower.problem(Long.MAX_VALUE) != null);
        assertThat(follower.problem(Long.MAX_VALUE)).contains(junk).contains("not a hub's event");

        EventId next = log.append(List.of(Publication.of("a", "1")), null).events().get(0).id();
        await().until(() -> told.contains("event " + next));
        await().until(() -> follower.problem(Long.MAX_VALUE) == null);
    }

    @Test
    void aReplayAcrossAnUnreadableEntrySkipsItAsTheFollowersDo() {
        RedisEventLog log = log(Map.of());
        EventId before = log.append(List.of(Publication.of("a", "0")), null).events().get(0).id();
        link.commands().xadd(RedisKeys.EVENTS, Map.of("p", "[1,2", "b", "10"));
        EventId after = log.append(List.of(Publication.of("a", "1")), null).events().get(0).id();

        assertThat(log.read(before, 10, 1 << 20).events()).extracting(LoggedEvent::id).containsExactly(after);
    }

    @Test
    void aHandOverThatFailsIsTriedAgainAndOneThatKeepsFailingIsGivenUpWithAGap() {
        RedisEventLog log = log(Map.of());
        EventId once = log.append(List.of(Publication.of("a", "fails once")), null).events().get(0).id();
        EventId always = log.append(List.of(Publication.of("a", "fails always")), null).events().get(0).id();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        start(new EventId(0, 0), new Recording() {
            @Override
            public void deliver(List<LoggedEvent> events) {
                for (LoggedEvent event : events) {
                    String data = event.publication().data();
                    if (data.equals("fails always") || (data.equals("fails once") && failures.isEmpty())) {
                        failures.add(data);
                        throw new IllegalStateException("the fan-out failed on " + data);
                    }
                    told.add("event " + event.id());
                }
            }
        });
        EventId later = log.append(List.of(Publication.of("a", "after")), null).events().get(0).id();

        await().until(() -> told.contains("event " + later));
        // the hub's fan-out skips what it was handed before; this recording keeps each hand-over
        List<String> seen = told.stream().map(line -> line.startsWith("gap ") ? line.substring(0,
                line.indexOf(" oldest")) : line).toList();
        assertThat(seen).containsSubsequence("event " + once, "gap after " + once + " from " + always,
                "event " + later);
        assertThat(told).doesNotContain("event " + always);
        assertThat(failures).containsExactly("fails once", "fails always", "fails always");
        assertThat(follower.problem(Long.MAX_VALUE)).isNull();
    }

    @Test
    void theLagCountsWhatIsNotHandedOverYetAndIsNoneAtTheHead() {
        RedisEventLog log = log(Map.of());
        Map<String, CountDownLatch> gates = Map.of("gate 1", new CountDownLatch(1), "gate 2", new CountDownLatch(1),
                "gate 3", new CountDownLatch(1));
        log.append(List.of(Publication.of("a", "gate 1")), null);
        log.append(batchOf(2000), null);
        start(new EventId(0, 0), new Recording() {
            @Override
            public void deliver(List<LoggedEvent> events) {
                for (LoggedEvent event : events) {
                    CountDownLatch gate = gates.get(event.publication().data());
                    if (gate != null) {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                super.deliver(events);
            }
        });

        // started from 0-0 it knows how old the oldest unread event is, but not yet how many follow
        await().until(() -> follower.lag().events() != 0);
        assertThat(follower.lag().events()).isEqualTo(-1);
        gates.get("gate 1").countDown();
        await().until(() -> told.size() == 2001 && follower.lag().equals(Backplane.Lag.NONE));

        // at the head once, it counts: blocked on gate 2, then on gate 3 with 1500 after it
        log.append(List.of(Publication.of("a", "gate 2")), null);
        await().until(() -> follower.lag().events() == 1);
        log.append(List.of(Publication.of("a", "gate 3")), null);
        log.append(batchOf(1499), null);
        gates.get("gate 2").countDown();
        await().until(() -> follower.lag().events() == 1500);
        assertThat(follower.lag().millis()).isNotNegative();
        gates.get("gate 3").countDown();
        await().until(() -> told.size() == 3502 && follower.lag().equals(Backplane.Lag.NONE));
    }

    private static List<Publication> batchOf(int size) {
        return IntStream.range(0, size).mapToObj(i -> Publication.of("a", "" + i)).toList();
    }

    private RedisEventLog log(Map<String, String> settings) {
        return new RedisEventLog(link, clock, TestSettings.with(settings));
    }

    private void start(EventId position) {
        start(position, new Recording());
    }

    private void start(EventId position, Backplane.Delivery delivery) {
        follower = new StreamFollower(link, new BackplaneHealth(), clock, position, delivery);
        thread = new Thread(follower, "test-follower");
        thread.start();
    }

    /** Tells what the follower hands over, in order. */
    private class Recording implements Backplane.Delivery {

        @Override
        public void deliver(List<LoggedEvent> events) {
            events.forEach(event -> told.add("event " + event.id()));
        }

        @Override
        public void discontinued(EventId after, EventId from, String oldestId) {
            told.add("gap after " + after + " from " + from + " oldest " + oldestId);
        }
    }
}
