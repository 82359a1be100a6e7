package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.Caller;
import dev.ssehub.auth.Rights;
import dev.ssehub.connection.CloseReason;
import dev.ssehub.connection.Emitter;
import dev.ssehub.history.InMemoryEventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BroadcasterTest {

    private static final byte[] OPENING = ": ok\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Broadcaster broadcaster =
            new Broadcaster(new InMemoryEventLog(100, Duration.ofHours(1), Clock.systemUTC()), 3);

    @Test
    void queuesTheSameBytesOnEverySubscriberOfTheTopic() {
        FakeEmitter first = subscribe(Set.of("news"), Caller.ANONYMOUS);
        FakeEmitter second = subscribe(Set.of("news"), Caller.ANONYMOUS);
        FakeEmitter other = subscribe(Set.of("sport"), Caller.ANONYMOUS);

        Receipt receipt = broadcaster.publish(Publication.of("news", "hello"));

        assertThat(receipt.recipients()).isEqualTo(2);
        assertThat(first.frames).hasSize(2);
        assertThat(first.frames.get(1)).isSameAs(second.frames.get(1));
        assertThat(other.events()).isEmpty();
        assertThat(first.events().get(0).lastEventId()).isEqualTo(receipt.id());
    }

    @Test
    void sendsAnEventOnSeveralTopicsOnceToAStreamOnSeveralOfThem() {
        FakeEmitter both = subscribe(Set.of("a", "b"), Caller.ANONYMOUS);

        Receipt receipt = broadcaster.publish(new Publication(List.of("a", "b"), null, "x", null, false, Set.of()));

        assertThat(receipt.recipients()).isEqualTo(1);
        assertThat(both.data()).containsExactly("x");
    }

    @Test
    void sendsPrivateEventsOnlyToSubscribersWithTheRight() {
        Caller allowed = new Caller("ann", Rights.NONE, Rights.of(List.of("news")), false, true);
        Caller otherTopic = new Caller("ben", Rights.NONE, Rights.of(List.of("sport")), false, true);
        FakeEmitter anonymous = subscribe(Set.of("news"), Caller.ANONYMOUS);
        FakeEmitter withRight = subscribe(Set.of("news"), allowed);
        FakeEmitter withoutRight = subscribe(Set.of("news"), otherTopic);

        broadcaster.publish(new Publication(List.of("news"), null, "secret", null, true, Set.of()));

        assertThat(withRight.data()).containsExactly("secret");
        assertThat(anonymous.events()).isEmpty();
        assertThat(withoutRight.events()).isEmpty();
    }

    @Test
    void sendsEventsForUsersOnlyToThoseSubjects() {
        Caller ann = new Caller("ann", Rights.NONE, Rights.ALL, false, true);
        Caller ben = new Caller("ben", Rights.NONE, Rights.ALL, false, true);
        FakeEmitter annStream = subscribe(Set.of("inbox"), ann);
        FakeEmitter benStream = subscribe(Set.of("inbox"), ben);
        FakeEmitter anonymous = subscribe(Set.of("inbox"), Caller.ANONYMOUS);

        broadcaster.publish(new Publication(List.of("inbox"), null, "for ann", null, false, Set.of("ann")));

        assertThat(annStream.data()).containsExactly("for ann");
        assertThat(benStream.events()).isEmpty();
        assertThat(anonymous.events()).isEmpty();
    }

    @Test
    void replaysMissedEventsThenLiveOnesWithNothingRepeated() {
        Receipt first = broadcaster.publish(Publication.of("news", "1"));
        broadcaster.publish(Publication.of("news", "2"));
        broadcaster.publish(Publication.of("sport", "not mine"));
        broadcaster.publish(new Publication(List.of("news"), null, "private", null, true, Set.of()));

        FakeEmitter resumed = new FakeEmitter();
        broadcaster.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), first.id(), OPENING);
        broadcaster.publish(Publication.of("news", "3"));

        assertThat(resumed.frames.get(0)).as("the opening comes first").isSameAs(OPENING);
        assertThat(resumed.data()).containsExactly("2", "3");
        assertThat(broadcaster.stats().replayed()).isEqualTo(1);
    }

    @Test
    void announcesAGapBeforeReplayingWhenTheIdIsUnknown() {
        broadcaster.publish(Publication.of("news", "1"));

        FakeEmitter resumed = new FakeEmitter();
        broadcaster.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), "123-4", OPENING);

        assertThat(resumed.events()).hasSize(2);
        assertThat(resumed.events().get(0).type()).isEqualTo("gap");
        assertThat(resumed.events().get(0).data()).startsWith("{\"lastEventId\":\"123-4\",\"oldestId\":\"");
        assertThat(resumed.events().get(1).data()).isEqualTo("1");
    }

    @Test
    void aThrowingStreamDoesNotStopTheFanOut() {
        Emitter throwing = new FakeEmitter() {
            @Override
            public synchronized boolean send(dev.ssehub.connection.Frame frame) {
                throw new IllegalStateException("broken");
            }
        };
        broadcaster.subscribe(new Subscription(throwing, Set.of("news"), Caller.ANONYMOUS), null, OPENING);
        FakeEmitter healthy = subscribe(Set.of("news"), Caller.ANONYMOUS);

        broadcaster.publish(Publication.of("news", "x"));

        assertThat(healthy.data()).containsExactly("x");
        assertThat(throwing.isOpen()).isFalse();
    }

    @Test
    void forgetsClosedStreamsAndCountsSlowOnes() {
        FakeEmitter stream = new FakeEmitter();
        Subscription subscription = new Subscription(stream, Set.of("news"), Caller.ANONYMOUS);
        assertThat(broadcaster.admit()).isTrue();
        broadcaster.subscribe(subscription, null, OPENING);

        broadcaster.closed(subscription, CloseReason.SLOW_CLIENT, 7);

        assertThat(broadcaster.subscriptionCount()).isZero();
        HubStats stats = broadcaster.stats();
        assertThat(stats.connections()).isZero();
        assertThat(stats.topics()).isEmpty();
        assertThat(stats.dropped()).isEqualTo(7);
        assertThat(stats.slowClientsClosed()).isEqualTo(1);
    }

    @Test
    void aStreamThatClosedDuringItsReplayIsNotLeftRegistered() {
        FakeEmitter closing = new FakeEmitter();
        closing.open = false;

        broadcaster.subscribe(new Subscription(closing, Set.of("news"), Caller.ANONYMOUS), null, OPENING);

        assertThat(broadcaster.subscriptionCount()).isZero();
    }

    @Test
    void admitsNoMoreStreamsThanTheLimit() {
        assertThat(broadcaster.admit()).isTrue();
        assertThat(broadcaster.admit()).isTrue();
        assertThat(broadcaster.admit()).isTrue();
        assertThat(broadcaster.admit()).isFalse();
    }

    @Test
    void publishesABatchAsConsecutiveIds() {
        List<Receipt> receipts = broadcaster.publishAll(List.of(Publication.of("a", "1"), Publication.of("b", "2")));

        assertThat(receipts).extracting(Receipt::id).containsExactly(
                receipts.get(0).id(), receipts.get(0).id().replaceAll("-\\d+$", "-2"));
    }

    private FakeEmitter subscribe(Set<String> topics, Caller caller) {
        FakeEmitter emitter = new FakeEmitter();
        broadcaster.subscribe(new Subscription(emitter, topics, caller), null, OPENING);
        return emitter;
    }
}
