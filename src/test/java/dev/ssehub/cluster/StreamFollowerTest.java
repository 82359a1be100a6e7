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

    private RedisEventLog log(Map<String, String> settings) {
        return new RedisEventLog(link, clock, TestSettings.with(settings));
    }

    private void start(EventId position) {
        follower = new StreamFollower(link, new BackplaneHealth(), clock, position, new Backplane.Delivery() {
            @Override
            public void deliver(List<LoggedEvent> events) {
                events.forEach(event -> told.add("event " + event.id()));
            }

            @Override
            public void discontinued(EventId after, EventId from, String oldestId) {
                told.add("gap after " + after + " from " + from + " oldest " + oldestId);
            }
        });
        thread = new Thread(follower, "test-follower");
        thread.start();
    }
}
