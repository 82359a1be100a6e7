package dev.ssehub.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SseConnectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String WRITER = "test-writer";
    private static final long ROOMY = 1L << 30;

    private final List<WriterPool> pools = new ArrayList<>();
    /** One thread, so that a task scheduled last runs after every drain scheduled before it. */
    private final WriterPool writers = pool(1);
    private final FakeAsync async = new FakeAsync();
    private final FakeOutputStream socket = async.stream();
    private final List<Close> closes = new CopyOnWriteArrayList<>();
    /** The hub's ring, played by the test: one appender, as under the hub's lock. */
    private final FrameRing ring = new FrameRing(1 << 13, ROOMY);

    private record Close(CloseReason reason, int discarded, Thread thread) {
    }

    @AfterEach
    void stopWriters() {
        pools.forEach(WriterPool::close);
    }

    @Test
    void startTakesOverTheAsyncContextAndItsOutput() throws IOException {
        SseConnection connection = open(ROOMY);

        assertThat(async.getTimeout()).isZero();
        assertThat(async.listeners()).containsExactly(connection);
        assertThat(socket.writeListener()).isSameAs(connection);
    }

    @Test
    void writesLiveFramesInTheOrderTheyWereSentAndFlushesThem() throws IOException {
        SseConnection connection = open(ROOMY);

        live(connection, frame("data: one\n\n"));
        live(connection, frame("data: two\n\n"));
        live(connection, frame("data: three\n\n"));

        await().atMost(PATIENCE).until(() -> socket.text().equals("data: one\n\ndata: two\n\ndata: three\n\n")
                && socket.operations().get(socket.operations().size() - 1).equals("flush"));
    }

    @Test
    void writesNothingWhileTheSocketIsFullAndResumesWhenTheContainerSaysItCan() throws IOException {
        SseConnection connection = open(ROOMY);
        socket.fill();

        live(connection, frame("data: a\n\n"));
        live(connection, frame("data: bb\n\n"));
        live(connection, frame("data: ccc\n\n"));
        await().atMost(PATIENCE).until(() -> socket.notReadyAnswers() > 0);
        assertThat(socket.size()).isZero();

        socket.becomeWritable();

        // onWritePossible() returns only once the frames are out: whoever held the stream wrote them
        assertThat(socket.text()).isEqualTo("data: a\n\ndata: bb\n\ndata: ccc\n\n");
        assertThat(socket.operations()).containsExactly("write 9", "write 10", "write 11", "flush");
        assertThat(connection.isOpen()).isTrue();
        assertThat(closes).isEmpty();
    }

    @Test
    void writesAReplayPageBeforeLiveFramesQueuedAfterItAndOnlyThenSaysItIsWritten() throws IOException {
        SseConnection connection = open(ROOMY);
        socket.fill();
        CountDownLatch written = new CountDownLatch(1);
        AtomicReference<String> outWhenTold = new AtomicReference<>();

        connection.sendReplay(List.of(bytes("id: 1\ndata: r1\n\n"), bytes("id: 2\ndata: r2\n\n")), () -> {
            outWhenTold.set(socket.text());
            written.countDown();
        });
        live(connection, frame("id: 3\ndata: live\n\n"));
        await().atMost(PATIENCE).until(() -> socket.notReadyAnswers() > 0);
        assertThat(written.getCount()).as("told before the page was written").isOne();

        socket.becomeWritable();

        await().atMost(PATIENCE).until(() -> written.getCount() == 0);
        assertThat(outWhenTold.get()).startsWith("id: 1\ndata: r1\n\nid: 2\ndata: r2\n\n");
        await().atMost(PATIENCE).until(() -> socket.text().equals("id: 1\ndata: r1\n\nid: 2\ndata: r2\n\nid: 3\ndata: live\n\n"));
    }

    @Test
    void runsAReplayPagesContinuationOnAWriterThread() throws IOException {
        SseConnection connection = open(ROOMY);
        AtomicReference<Thread> toldOn = new AtomicReference<>();

        connection.sendReplay(List.of(bytes("data: r\n\n")), () -> toldOn.set(Thread.currentThread()));

        await().atMost(PATIENCE).until(() -> toldOn.get() != null);
        assertThat(toldOn.get().getName()).startsWith(WRITER);
        assertThat(socket.text()).isEqualTo("data: r\n\n");
    }

    /*
     * A page that waited for a full socket is finished by onWritePossible() on the container's
     * thread; its continuation (the hub reading the next page) must still go to a writer, as
     * Emitter.sendReplay promises. This failed until drain() handed the continuation to the pool.
     */
    @Test
    void runsAReplayPagesContinuationOnAWriterThreadEvenWhenTheContainerResumesTheWrite() throws IOException {
        SseConnection connection = open(ROOMY);
        socket.fill();
        AtomicReference<Thread> toldOn = new AtomicReference<>();
        connection.sendReplay(List.of(bytes("data: r\n\n")), () -> toldOn.set(Thread.currentThread()));
        await().atMost(PATIENCE).until(() -> socket.notReadyAnswers() > 0);

        socket.becomeWritable(); // this test's thread plays the container's

        await().atMost(PATIENCE).until(() -> toldOn.get() != null);
        assertThat(toldOn.get().getName()).startsWith(WRITER);
    }

    @Test
    void closesAClientWhoseLiveBacklogPassesItsBuffer() throws Exception {
        long buffer = 1000;
        Frame hundredBytes = frame("data: " + "x".repeat(92) + "\n\n");
        int fit = (int) (buffer / (hundredBytes.bytes().length + Frame.QUEUED_OVERHEAD_BYTES));
        SseConnection connection = open(buffer);
        socket.fill();

        for (int i = 0; i < fit; i++) {
            assertThat(live(connection, hundredBytes)).as("frame %d fits", i).isTrue();
        }
        assertThat(live(connection, hundredBytes)).as("the frame that passes the buffer").isFalse();

        await().atMost(PATIENCE).until(() -> async.completedBy().size() == 1);
        assertThat(live(connection, hundredBytes)).isFalse();
        assertThat(connection.isOpen()).isFalse();
        awaitWriterIdle();
        assertThat(closes).singleElement().satisfies(close -> {
            assertThat(close.reason()).isEqualTo(CloseReason.SLOW_CLIENT);
            assertThat(close.discarded()).isEqualTo(fit + 1);
            assertThat(close.thread().getName()).startsWith(WRITER);
        });
        assertThat(async.completedBy()).singleElement().satisfies(thread -> assertThat(thread.getName()).startsWith(WRITER));
        assertThat(socket.size()).isZero();
    }

    @Test
    void boundsManyTinyFramesByTheirQueueingOverhead() throws IOException {
        long buffer = 1000;
        Frame oneByte = frame("\n");
        SseConnection connection = open(buffer);
        socket.fill();

        int accepted = 0;
        while (live(connection, oneByte) && accepted <= buffer) {
            accepted++;
        }

        assertThat(accepted).isEqualTo((int) (buffer / (1 + Frame.QUEUED_OVERHEAD_BYTES)));
        await().atMost(PATIENCE).until(() -> !closes.isEmpty());
        assertThat(closes.get(0).reason()).isEqualTo(CloseReason.SLOW_CLIENT);
    }

    @Test
    void doesNotCountAReplayPageAgainstTheLiveBuffer() throws Exception {
        SseConnection connection = open(1000);
        socket.fill();
        byte[] big = bytes("data: " + "r".repeat(592) + "\n\n");
        CountDownLatch written = new CountDownLatch(1);

        connection.sendReplay(List.of(big, big, big), written::countDown);
        assertThat(live(connection, frame("data: live\n\n"))).isTrue();
        awaitWriterIdle();
        assertThat(connection.isOpen()).isTrue();

        socket.becomeWritable();

        assertThat(written.await(10, SECONDS)).isTrue();
        await().atMost(PATIENCE).until(() -> socket.size() == 3 * big.length + "data: live\n\n".length());
        assertThat(connection.isOpen()).isTrue();
        assertThat(closes).isEmpty();
        assertThat(async.completedBy()).isEmpty();
    }

    /** Every way a stream can end, struck from the test's thread. */
    enum Cause {
        HUB_CLOSES(CloseReason.SERVER) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                connection.close();
            }
        },
        WRITE_LISTENER_ERROR(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                connection.onError(new IOException("connection reset"));
            }
        },
        ASYNC_ERROR(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                connection.onError(async.event());
            }
        },
        CONTAINER_COMPLETES(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                connection.onComplete(async.event());
            }
        },
        TIMEOUT(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                connection.onTimeout(async.event());
            }
        },
        WRITE_THROWS_IO_EXCEPTION(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                async.stream().failNextWriteWith(new IOException("broken pipe"));
                connection.send(frame("data: doomed\n\n"));
            }
        },
        WRITE_THROWS_RUNTIME_EXCEPTION(CloseReason.CLIENT_GONE) {
            @Override
            void strike(SseConnection connection, FakeAsync async) {
                async.stream().failNextWriteWith(new IllegalStateException("the container gave up"));
                connection.send(frame("data: doomed\n\n"));
            }
        };

        final CloseReason reason;

        Cause(CloseReason reason) {
            this.reason = reason;
        }

        abstract void strike(SseConnection connection, FakeAsync async);
    }

    @ParameterizedTest
    @EnumSource(Cause.class)
    void closesOnceAndCompletesOnceWhateverEndsTheStreamFirst(Cause first) throws Exception {
        SseConnection connection = open(ROOMY);

        first.strike(connection, async);
        await().atMost(PATIENCE).until(() -> !closes.isEmpty());
        for (Cause later : Cause.values()) {
            later.strike(connection, async);
        }
        awaitWriterIdle();

        assertThat(closes).singleElement().extracting(Close::reason).isEqualTo(first.reason);
        assertThat(async.completedBy()).hasSize(1);
        assertThat(connection.isOpen()).isFalse();
    }

    @RepeatedTest(20)
    void closesOnceAndCompletesOnceWhenEveryCauseStrikesAtOnce() throws Exception {
        SseConnection connection = open(ROOMY);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> strikers = new ArrayList<>();
        for (Cause cause : Cause.values()) {
            strikers.add(started(() -> {
                awaitQuietly(go);
                cause.strike(connection, async);
            }));
        }

        go.countDown();
        for (Thread striker : strikers) {
            striker.join(PATIENCE.toMillis());
        }
        await().atMost(PATIENCE).until(() -> !closes.isEmpty());
        awaitWriterIdle();

        assertThat(closes).hasSize(1);
        assertThat(async.completedBy()).hasSize(1);
    }

    @Test
    void closingFromThePublishersSideCompletesOnAWriterThread() throws IOException {
        SseConnection connection = open(ROOMY);

        connection.close();

        assertThat(connection.isOpen()).isFalse();
        await().atMost(PATIENCE).until(() -> async.completedBy().size() == 1);
        assertThat(closes).singleElement().satisfies(close -> {
            assertThat(close.reason()).isEqualTo(CloseReason.SERVER);
            assertThat(close.thread()).isNotSameAs(Thread.currentThread());
            assertThat(close.thread().getName()).startsWith(WRITER);
        });
        assertThat(async.completedBy().get(0)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void closesInlineOnceTheWritersHaveStopped() throws IOException {
        SseConnection connection = open(ROOMY);
        writers.close();

        connection.close();

        assertThat(closes).singleElement().extracting(Close::reason).isEqualTo(CloseReason.SERVER);
        assertThat(async.completedBy()).containsExactly(Thread.currentThread());
        assertThat(live(connection, frame("data: late\n\n"))).isFalse();
    }

    /*
     * The hub delivers live frames from one thread at a time, but warnings for one stream (its
     * token's expiry) come from others, and two writers may both be draining: whole frames, each
     * source in its own order, whichever way they meet.
     */
    @Test
    void liveFramesAndSignalsFromOtherThreadsNeverInterleave() throws Exception {
        int perPublisher = 2_000;
        SseConnection connection = open(ROOMY, pool(2));
        List<List<Frame>> sent = List.of(framesOf("a", perPublisher), framesOf("b", perPublisher));
        long total = sent.stream().flatMap(List::stream).mapToLong(f -> f.bytes().length).sum();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> publishers = List.of(
                started(() -> {
                    awaitQuietly(go);
                    sent.get(0).forEach(frame -> live(connection, frame));
                }),
                started(() -> {
                    awaitQuietly(go);
                    sent.get(1).forEach(connection::send);
                }));

        go.countDown();
        for (Thread publisher : publishers) {
            publisher.join(PATIENCE.toMillis());
        }
        await().atMost(PATIENCE).until(() -> socket.size() == total);

        List<Event> events = EventStreamParser.parseAll(socket.bytes());
        assertThat(events).hasSize(2 * perPublisher).allSatisfy(event -> assertThat(event.data()).isEqualTo(dataOf(event.lastEventId())));
        for (String publisher : List.of("a", "b")) {
            List<String> ids = events.stream().map(Event::lastEventId).filter(id -> id.startsWith(publisher + "-")).toList();
            assertThat(ids).isEqualTo(framesOf(publisher, perPublisher).stream().map(SseConnectionTest::idOf).toList());
        }
        assertThat(socket.sawOverlappingWrites()).isFalse();
        assertThat(closes).isEmpty();
    }

    @Test
    void closesAStreamWhoseOldestPendingFrameTheRingNoLongerHolds() throws IOException {
        FrameRing small = new FrameRing(4, ROOMY);
        SseConnection connection = new SseConnection(async, writers, small, ROOMY, nanos -> { });
        connection.start((reason, discarded) -> closes.add(new Close(reason, discarded, Thread.currentThread())));
        socket.fill();
        assertThat(connection.deliver(small, small.append(bytes("data: mine\n\n"), 0))).isTrue();
        for (int i = 0; i < 4; i++) {
            small.append(bytes("data: another topic's\n\n"), 0); // a burst this stream is not given
        }

        socket.becomeWritable();

        await().atMost(PATIENCE).until(() -> !closes.isEmpty());
        assertThat(closes).singleElement().satisfies(close -> {
            assertThat(close.reason()).isEqualTo(CloseReason.SLOW_CLIENT);
            assertThat(close.discarded()).as("the frame it can no longer have").isZero();
        });
        assertThat(socket.size()).as("nothing but whole, held frames is written").isZero();
        assertThat(async.completedBy()).hasSize(1);
    }

    @Test
    void refusesAPositionTheRingHasDroppedAlready() throws IOException {
        FrameRing small = new FrameRing(2, ROOMY);
        SseConnection connection = new SseConnection(async, writers, small, ROOMY, nanos -> { });
        connection.start((reason, discarded) -> closes.add(new Close(reason, discarded, Thread.currentThread())));
        long gone = small.append(bytes("data: old\n\n"), 0);
        small.append(bytes("data: b\n\n"), 0);
        small.append(bytes("data: c\n\n"), 0);

        assertThat(connection.deliver(small, gone)).isFalse();

        await().atMost(PATIENCE).until(() -> !closes.isEmpty());
        assertThat(closes).singleElement().extracting(Close::reason).isEqualTo(CloseReason.SLOW_CLIENT);
    }

    @Test
    void heartbeatsAskedForWhileTheClientIsFullMakeOneAfterTheLiveFrames() throws Exception {
        SseConnection connection = open(ROOMY);
        socket.fill();
        Frame heartbeat = frame(":\n\n");

        connection.sendHeartbeat(heartbeat);
        live(connection, frame("data: one\n\n"));
        connection.sendHeartbeat(heartbeat);
        connection.sendHeartbeat(heartbeat);
        await().atMost(PATIENCE).until(() -> socket.notReadyAnswers() > 0);

        socket.becomeWritable();

        await().atMost(PATIENCE).until(() -> socket.text().equals("data: one\n\n:\n\n"));
        awaitWriterIdle();
        assertThat(socket.text()).isEqualTo("data: one\n\n:\n\n");
    }

    @Test
    void tellsHowLongAgoEachLiveFrameWasPublishedAndLeavesSignalsOut() throws Exception {
        List<Long> told = new CopyOnWriteArrayList<>();
        SseConnection connection = new SseConnection(async, writers, ring, ROOMY, told::add);
        connection.start((reason, discarded) -> { });
        long published = System.nanoTime();

        live(connection, new Frame(bytes("data: timed\n\n"), published));
        live(connection, frame("data: a gap, not timed\n\n"));
        connection.send(frame("data: a warning\n\n"));

        await().atMost(PATIENCE).until(() -> socket.size() == "data: timed\n\ndata: a gap, not timed\n\ndata: a warning\n\n".length());
        awaitWriterIdle();
        assertThat(told).singleElement().satisfies(nanos -> assertThat(nanos).isNotNegative());
    }

    @Test
    void aStreamThatFindsNoFreeSlotIsStillWritten() throws IOException {
        WriterPool oneSlot = new WriterPool(1, WRITER, 1);
        pools.add(oneSlot);
        FakeAsync first = new FakeAsync();
        new SseConnection(first, oneSlot, ring, ROOMY, nanos -> { }).start((reason, discarded) -> { });
        SseConnection second = open(ROOMY, oneSlot);

        assertThat(live(second, frame("data: served as a task\n\n"))).isTrue();

        await().atMost(PATIENCE).until(() -> socket.text().equals("data: served as a task\n\n"));
        assertThat(first.stream().size()).isZero();
    }

    @Test
    void aClosedStreamsSlotServesTheNextStreamAndOnlyIt() throws Exception {
        WriterPool oneSlot = new WriterPool(1, WRITER, 1);
        pools.add(oneSlot);
        FakeAsync firstAsync = new FakeAsync();
        SseConnection first = new SseConnection(firstAsync, oneSlot, ring, ROOMY, nanos -> { });
        first.start((reason, discarded) -> closes.add(new Close(reason, discarded, Thread.currentThread())));
        first.close();
        await().atMost(PATIENCE).until(() -> closes.size() == 1);

        SseConnection second = open(ROOMY, oneSlot);
        live(first, frame("data: for the closed one\n\n"));
        live(second, frame("data: for the new one\n\n"));

        await().atMost(PATIENCE).until(() -> socket.text().equals("data: for the new one\n\n"));
        assertThat(firstAsync.stream().size()).isZero();
    }

    /*
     * The hub delivers while the client leaves: whatever the order, the stream is closed and
     * completed once, and what reached the socket is a prefix of what was delivered, whole frames.
     */
    @RepeatedTest(20)
    void aCloseRacingDeliveriesEndsTheStreamOnceAfterAPrefixOfWholeFrames() throws Exception {
        SseConnection connection = open(ROOMY, pool(2));
        List<Frame> frames = framesOf("r", 500);
        CountDownLatch go = new CountDownLatch(1);
        Thread hub = started(() -> {
            awaitQuietly(go);
            frames.forEach(frame -> live(connection, frame));
        });
        Thread client = started(() -> {
            awaitQuietly(go);
            connection.onComplete(async.event());
        });

        go.countDown();
        hub.join(PATIENCE.toMillis());
        client.join(PATIENCE.toMillis());
        await().atMost(PATIENCE).until(() -> !closes.isEmpty());

        List<String> written = EventStreamParser.parseAll(socket.bytes()).stream().map(Event::lastEventId).toList();
        List<String> delivered = frames.stream().map(SseConnectionTest::idOf).toList();
        assertThat(delivered.subList(0, written.size())).isEqualTo(written);
        assertThat(socket.sawOverlappingWrites()).isFalse();
        assertThat(closes).singleElement().extracting(Close::reason).isEqualTo(CloseReason.CLIENT_GONE);
        assertThat(async.completedBy()).hasSize(1);
        assertThat(live(connection, frame("data: after the end\n\n"))).isFalse();
    }

    @Test
    void endWritesWhatIsQueuedAndFlushedThenClosesWithNothingDiscarded() throws IOException {
        SseConnection connection = open(ROOMY);
        socket.fill();
        live(connection, frame("id: 1\ndata: a\n\n"));
        live(connection, frame("id: 2\ndata: b\n\n"));
        await().atMost(PATIENCE).until(() -> socket.notReadyAnswers() > 0);

        connection.end();
        live(connection, frame("id: 3\ndata: c\n\n")); // queued while it ends: written too
        assertThat(closes).as("nothing is written yet, so nothing may end").isEmpty();
        assertThat(connection.isOpen()).isTrue();

        socket.becomeWritable();

        await().atMost(PATIENCE).until(() -> closes.size() == 1);
        assertThat(socket.text()).isEqualTo("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n");
        assertThat(socket.operations()).last().isEqualTo("flush");
        assertThat(closes.get(0).reason()).isEqualTo(CloseReason.ENDED);
        assertThat(closes.get(0).discarded()).isZero();
        assertThat(async.completedBy()).hasSize(1);
        assertThat(live(connection, frame("data: after the end\n\n"))).isFalse();
    }

    @Test
    void endOfAnIdleStreamClosesItAtOnce() throws IOException {
        SseConnection connection = open(ROOMY);

        connection.end();

        await().atMost(PATIENCE).until(() -> closes.size() == 1);
        assertThat(closes.get(0).reason()).isEqualTo(CloseReason.ENDED);
        assertThat(closes.get(0).thread().getName()).startsWith(WRITER);
    }

    private SseConnection open(long buffer) throws IOException {
        return open(buffer, writers);
    }

    private SseConnection open(long buffer, WriterPool pool) throws IOException {
        SseConnection connection = new SseConnection(async, pool, ring, buffer, nanos -> { });
        connection.start((reason, discarded) -> closes.add(new Close(reason, discarded, Thread.currentThread())));
        return connection;
    }

    /** Delivers {@code frame} as the hub does a live event: appended to the ring, its position handed over. */
    private boolean live(SseConnection connection, Frame frame) {
        return connection.deliver(ring, ring.append(frame.bytes(), frame.publishedNanos()));
    }

    private WriterPool pool(int threads) {
        WriterPool pool = new WriterPool(threads, WRITER);
        pools.add(pool);
        return pool;
    }

    /** Returns once the single writer has run everything scheduled before. */
    private void awaitWriterIdle() throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        writers.schedule(reached::countDown);
        assertThat(reached.await(10, SECONDS)).as("the writer got through its queue").isTrue();
    }

    private static List<Frame> framesOf(String publisher, int count) {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = publisher + "-" + i;
            String data = dataOf(id).replace("\n", "\ndata: ");
            frames.add(frame("id: " + id + "\nevent: tick\ndata: " + data + "\n\n"));
        }
        return frames;
    }

    private static String dataOf(String id) {
        return id + " begins\nits middle\n" + id + " ends";
    }

    private static String idOf(Frame frame) {
        String text = new String(frame.bytes(), UTF_8);
        return text.substring("id: ".length(), text.indexOf('\n'));
    }

    private static Frame frame(String text) {
        return Frame.unpublished(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
