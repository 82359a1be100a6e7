package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.auth.Caller;
import dev.ssehub.auth.Rights;
import dev.ssehub.connection.CloseReason;
import dev.ssehub.connection.Emitter;
import dev.ssehub.history.InMemoryEventLog;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.ssehub.protocol.LastEventId;
import dev.ssehub.config.TestSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubTest {

    private static final byte[] OPENING = ": ok\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Hub broadcaster = new Hub(
            new InMemoryEventLog(100, 1 << 20, Duration.ofHours(1), Clock.systemUTC()), TestSettings.with(Map.of(
                    "ssehub.connections.max", "3")));

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
    void aRepeatedIdempotencyKeyPublishesNothingAndAnswersTheFirstReceipts() {
        FakeEmitter subscriber = subscribe(Set.of("news"), Caller.ANONYMOUS);
        PublishKey key = new PublishKey("ann", "order-42");

        List<Receipt> first = broadcaster.publishAll(List.of(Publication.of("news", "once")), key);
        List<Receipt> repeat = broadcaster.publishAll(List.of(Publication.of("news", "once")), key);
        List<Receipt> otherSubject = broadcaster.publishAll(List.of(Publication.of("news", "again")),
                new PublishKey("ben", "order-42"));

        assertThat(repeat).isEqualTo(first);
        assertThat(otherSubject.get(0).id()).isNotEqualTo(first.get(0).id());
        assertThat(subscriber.data()).containsExactly("once", "again");
    }

    @Test
    void aKeyIsForgottenOnceItsEventHasLeftTheHistory() {
        Hub small = new Hub(new InMemoryEventLog(2, 1 << 20, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of()));
        PublishKey key = new PublishKey("ann", "k");
        Receipt first = small.publishAll(List.of(Publication.of("news", "1")), key).get(0);
        small.publish(Publication.of("news", "2"));
        small.publish(Publication.of("news", "3"));

        Receipt afterEviction = small.publishAll(List.of(Publication.of("news", "1")), key).get(0);

        assertThat(afterEviction.id()).isNotEqualTo(first.id());
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
        broadcaster.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), LastEventId.parse(first.id()), OPENING);
        broadcaster.publish(Publication.of("news", "3"));

        assertThat(resumed.frames.get(0)).as("the opening comes first").isSameAs(OPENING);
        assertThat(resumed.data()).containsExactly("2", "3");
        assertThat(broadcaster.stats().replayed()).isEqualTo(1);
    }

    @Test
    void announcesAGapBeforeReplayingWhenTheIdIsUnknown() {
        broadcaster.publish(Publication.of("news", "1"));

        FakeEmitter resumed = new FakeEmitter();
        broadcaster.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), LastEventId.parse("123-4"), OPENING);

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

    @Test
    void replaysALongHistoryInBoundedPagesAndMeetsTheLiveEventsWithNothingLostOrRepeated() {
        Hub hub = new Hub(new InMemoryEventLog(5000, Long.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of()));
        Receipt first = hub.publish(Publication.of("news", "0"));
        for (int i = 1; i < 1000; i++) {
            hub.publish(Publication.of(i % 3 == 0 ? "sport" : "news", Integer.toString(i)));
        }
        FakeEmitter resumed = new FakeEmitter();
        resumed.manualPages = true;

        hub.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), LastEventId.parse(first.id()),
                OPENING);
        int published = 1000;
        while (resumed.takeNextPage()) {
            // publishers keep going while the client works through its replay
            hub.publish(Publication.of("news", Integer.toString(published++)));
        }
        hub.publish(Publication.of("news", Integer.toString(published++)));

        assertThat(resumed.replayPageSizes).allMatch(size -> size <= Catchup.PAGE_EVENTS + 1);
        assertThat(resumed.replayPageSizes.size()).isGreaterThan(2);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i < published; i++) {
            if (i >= 1000 || i % 3 != 0) {
                expected.add(Integer.toString(i));
            }
        }
        assertThat(resumed.data()).containsExactlyElementsOf(expected);
    }

    @Test
    void announcesOneGapWhenTheIdIsUnknownAndTheHistoryIsEmpty() {
        FakeEmitter resumed = new FakeEmitter();
        broadcaster.subscribe(new Subscription(resumed, Set.of("news"), Caller.ANONYMOUS), LastEventId.parse("not-an-id"),
                OPENING);
        broadcaster.publish(Publication.of("news", "live"));

        assertThat(resumed.events()).extracting(e -> e.type()).containsExactly("gap", "message");
        assertThat(resumed.events().get(0).data()).isEqualTo("{\"lastEventId\":\"not-an-id\",\"oldestId\":null}");
    }

    @Test
    void refusesAnEventThatNoClientBufferCouldHold() {
        Hub small = new Hub(new InMemoryEventLog(10, Long.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of("ssehub.client.buffer.bytes", "2048")));

        assertThat(small.publish(Publication.of("a", "x".repeat(1500))).id()).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.publish(Publication.of("a", "\n".repeat(500))))
                .hasMessageContaining("ssehub.client.buffer.bytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.publishAll(List.of(Publication.of("a", "ok"),
                Publication.of("a", "x".repeat(5000))))).hasMessageContaining("ssehub.client.buffer.bytes");
        assertThat(small.stats().published()).as("a refused batch publishes nothing").isEqualTo(1);
    }

    @Test
    void aStreamThatClosedWhileRegisteringIsNotLeftInAnyTopic() {
        FakeEmitter closing = new FakeEmitter() {
            @Override
            public boolean isOpen() {
                return false;
            }
        };
        Subscription subscription = new Subscription(closing, Set.of("a", "b", "c"), Caller.ANONYMOUS);
        broadcaster.subscribe(subscription, null, OPENING);
        broadcaster.closed(subscription, CloseReason.CLIENT_GONE, 0);

        assertThat(broadcaster.stats().topics()).isEmpty();
    }

    @Test
    void tellsItsObserverOfStreamsAndPublishesOpeningBeforeClosingAndNothingOfAStreamClosedBeforeItOpened() {
        List<Object> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        broadcaster.observeWith(new HubObserver() {
            @Override
            public void opened(StreamOpened opened) {
                told.add(opened);
            }

            @Override
            public void closed(StreamClosed closed) {
                told.add(closed);
            }

            @Override
            public void published(EventPublished published) {
                told.add(published);
            }
        });
        Caller ann = new Caller("ann", Rights.NONE, Rights.ALL, false, true);
        Subscription stream = new Subscription(new FakeEmitter(), Set.of("news"), ann);
        broadcaster.subscribe(stream, null, OPENING);
        Receipt receipt = broadcaster.publish(Publication.of("news", "hello"));
        broadcaster.closed(stream, dev.ssehub.connection.CloseReason.SLOW_CLIENT, 0);

        FakeEmitter gone = new FakeEmitter();
        gone.close();
        Subscription neverOpen = new Subscription(gone, Set.of("news"), ann);
        broadcaster.closed(neverOpen, dev.ssehub.connection.CloseReason.CLIENT_GONE, 0);
        broadcaster.subscribe(neverOpen, null, OPENING);

        assertThat(told).containsExactly(
                new StreamOpened(stream.id(), "ann", Set.of("news")),
                new EventPublished(Publication.of("news", "hello"), receipt),
                new StreamClosed(stream.id(), "ann", Set.of("news"), StreamClosed.Reason.SLOW));
    }

    @Test
    void publishesItsOwnMetersToTheApplicationsRegistryButNotTheJvmsAndLeavesItOpenWhenStopped() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry application =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Hub hub = new Hub(new InMemoryEventLog(100, 1 << 20, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of()));
        hub.metrics().alsoPublishTo(application);
        hub.start();
        hub.publish(Publication.of("news", "one"));
        hub.publish(Publication.of("news", "two"));

        assertThat(application.get("ssehub.events.published").functionCounter().count()).isEqualTo(2);
        assertThat(application.find("jvm.memory.used").meters()).as("the application binds the JVM itself").isEmpty();
        assertThat(hub.metrics().scrape()).contains("ssehub_events_published_total 2.0").contains("jvm_memory_used_bytes");

        hub.stop();
        assertThat(application.find("ssehub.events.published").meters()).isEmpty();
        assertThat(application.isClosed()).isFalse();
    }

    @Test
    void endsAStreamWhenItsLifetimeLessJitterIsUpAndEveryStreamWhenStopping() {
        Hub hub = new Hub(new InMemoryEventLog(100, 1 << 20, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of("ssehub.stream.max-lifetime.seconds", "1", "ssehub.stream.lifetime-jitter", "0.5")));
        hub.start();
        try {
            EndingEmitter aged = new EndingEmitter();
            long opened = System.nanoTime();
            hub.subscribe(new Subscription(aged, Set.of("news"), Caller.ANONYMOUS), null, OPENING);

            await().atMost(Duration.ofSeconds(10)).until(() -> aged.endedAt != 0);
            assertThat(Duration.ofNanos(aged.endedAt - opened)).as("a timer never fires early")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(aged.closed).as("ended, not cut: what is queued goes out first").isFalse();
        } finally {
            EndingEmitter atStop = new EndingEmitter();
            hub.subscribe(new Subscription(atStop, Set.of("news"), Caller.ANONYMOUS), null, OPENING);
            hub.stop();
            assertThat(atStop.endedAt).isNotZero();
        }
    }

    @Test
    void aStreamEndedByTheHubIsToldAsALifetimeEndUnlessTheHubIsStopping() {
        List<Object> told = new ArrayList<>();
        broadcaster.observeWith(new HubObserver() {
            @Override
            public void closed(StreamClosed closed) {
                told.add(closed.reason());
            }
        });
        Subscription stream = new Subscription(new FakeEmitter(), Set.of("news"), Caller.ANONYMOUS);
        broadcaster.subscribe(stream, null, OPENING);

        broadcaster.closed(stream, dev.ssehub.connection.CloseReason.ENDED, 0);

        assertThat(told).containsExactly(StreamClosed.Reason.LIFETIME);
    }

    /** Records when it was asked to end; ending it closes it as a written-out stream would. */
    private static final class EndingEmitter extends FakeEmitter {
        volatile long endedAt;
        volatile boolean closed;

        @Override
        public void end() {
            endedAt = System.nanoTime();
            open = false;
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    private FakeEmitter subscribe(Set<String> topics, Caller caller) {
        FakeEmitter emitter = new FakeEmitter();
        broadcaster.subscribe(new Subscription(emitter, topics, caller), null, OPENING);
        return emitter;
    }
}
