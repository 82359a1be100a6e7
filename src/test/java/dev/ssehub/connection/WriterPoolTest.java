package dev.ssehub.connection;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterPoolTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<WriterPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(WriterPool::close);
    }

    @Test
    void runsEveryScheduledTaskExactlyOnceFromManySchedulingThreads() throws InterruptedException {
        WriterPool pool = pool(3);
        int schedulers = 8;
        int perScheduler = 10_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(schedulers * perScheduler);
        AtomicInteger total = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < schedulers; s++) {
            int first = s * perScheduler;
            threads.add(started(() -> {
                awaitQuietly(go);
                for (int i = first; i < first + perScheduler; i++) {
                    int task = i;
                    pool.schedule(() -> {
                        runs.incrementAndGet(task);
                        total.incrementAndGet();
                    });
                }
            }));
        }

        go.countDown();
        for (Thread thread : threads) {
            thread.join(PATIENCE.toMillis());
        }
        await().atMost(PATIENCE).until(() -> total.get() >= runs.length());

        assertThat(IntStream.range(0, runs.length()).filter(i -> runs.get(i) != 1)).as("tasks not run exactly once").isEmpty();
        assertThat(total.get()).isEqualTo(runs.length());
    }

    @Test
    void keepsWritingAfterATaskThrows() throws InterruptedException {
        Logger log = Logger.getLogger(WriterPool.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF); // the failure below is expected; keep it out of the build's output
        try {
            WriterPool pool = pool(1);
            CountDownLatch laterTaskRan = new CountDownLatch(1);

            pool.schedule(() -> {
                throw new IllegalStateException("a stream's drain failed");
            });
            pool.schedule(laterTaskRan::countDown);

            assertThat(laterTaskRan.await(10, SECONDS)).isTrue();
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void runsWorkScheduledBeforeItClosed() throws InterruptedException {
        WriterPool pool = pool(1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch queuedRan = new CountDownLatch(100);
        pool.schedule(() -> awaitQuietly(gate)); // holds the only writer while the rest queue up
        for (int i = 0; i < 100; i++) {
            pool.schedule(queuedRan::countDown);
        }

        pool.close();
        gate.countDown();

        assertThat(queuedRan.await(10, SECONDS)).isTrue();
    }

    @Test
    void refusesWorkOnceClosed() {
        WriterPool pool = pool(2);

        pool.close();

        assertThatThrownBy(() -> pool.schedule(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registersDistinctSlotsUntilEveryStreamHoldsOne() {
        WriterPool pool = pool(1, 3);

        List<Integer> slots = List.of(pool.register(() -> { }), pool.register(() -> { }), pool.register(() -> { }));

        assertThat(slots).doesNotHaveDuplicates().allSatisfy(slot -> assertThat(slot).isBetween(0, 2));
        assertThat(pool.register(() -> { })).as("a fourth stream").isEqualTo(-1);
        assertThat(pool.register(() -> { })).as("and a fifth").isEqualTo(-1);
    }

    @Test
    void givesAnUnregisteredSlotToTheNextStream() {
        WriterPool pool = pool(1, 2);
        int first = pool.register(() -> { });
        int second = pool.register(() -> { });
        assertThat(pool.register(() -> { })).isEqualTo(-1);

        pool.unregister(first);
        pool.unregister(-1); // a stream that never had a slot gives none back

        assertThat(pool.register(() -> { })).isEqualTo(first);
        assertThat(pool.register(() -> { })).as("no more than were given back").isEqualTo(-1);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void runsTheDrainRegisteredAtAReadySlotOnAWriter() throws InterruptedException {
        WriterPool pool = pool(2, 4);
        CountDownLatch drained = new CountDownLatch(1);
        AtomicReference<String> drainedOn = new AtomicReference<>();
        AtomicInteger fallbackRuns = new AtomicInteger();
        int slot = pool.register(() -> {
            drainedOn.set(Thread.currentThread().getName());
            drained.countDown();
        });

        pool.ready(slot, fallbackRuns::incrementAndGet);

        assertThat(drained.await(10, SECONDS)).as("the slot's drain ran").isTrue();
        assertThat(drainedOn.get()).startsWith("pool-test-");
        assertThat(fallbackRuns.get()).as("the task offered in case the slot could not be queued").isZero();
    }

    @Test
    void runsTheDrainOfAStreamWithoutASlotAsATask() throws InterruptedException {
        WriterPool pool = pool(2, 4);
        CountDownLatch drained = new CountDownLatch(1);
        AtomicReference<String> drainedOn = new AtomicReference<>();

        pool.ready(-1, () -> {
            drainedOn.set(Thread.currentThread().getName());
            drained.countDown();
        });

        assertThat(drained.await(10, SECONDS)).isTrue();
        assertThat(drainedOn.get()).startsWith("pool-test-");
    }

    @Test
    void runsEveryDrainAsATaskOnceTheReadyQueueIsFull() throws InterruptedException {
        // one stream: the ready queue holds two, so the rest of the five must go as tasks
        WriterPool pool = pool(1, 1);
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Runnable drain = runs::incrementAndGet;
        int slot = pool.register(drain);
        pool.schedule(() -> {
            writerHeld.countDown();
            awaitQuietly(release);
        });
        assertThat(writerHeld.await(10, SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            pool.ready(slot, drain);
        }
        release.countDown();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(runs.get()).isEqualTo(5));
    }

    @Test
    void runsTheNewOwnersDrainForASlotQueuedBeforeItWasReused() throws InterruptedException {
        WriterPool pool = pool(1, 1);
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger oldOwnerRuns = new AtomicInteger();
        CountDownLatch newOwnerRan = new CountDownLatch(1);
        pool.schedule(() -> {
            writerHeld.countDown();
            awaitQuietly(release);
        });
        assertThat(writerHeld.await(10, SECONDS)).isTrue();
        Runnable oldOwner = oldOwnerRuns::incrementAndGet;
        int slot = pool.register(oldOwner);
        pool.ready(slot, oldOwner);

        pool.unregister(slot);
        assertThat(pool.register(newOwnerRan::countDown)).as("the only slot, given back").isEqualTo(slot);
        release.countDown();

        assertThat(newOwnerRan.await(10, SECONDS)).isTrue();
        // the queued entry was that one run: a stream that left is not drained after it
        assertThat(oldOwnerRuns.get()).isZero();
    }

    @Test
    void drainsASlotAfterTheLastOfManyOffersFromManyThreads() throws InterruptedException {
        WriterPool pool = pool(2, 8);
        AtomicBoolean lastOfferComing = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch drainedAfterLastOffer = new CountDownLatch(1);
        Runnable drain = () -> {
            // read first: a drain already under way when the flag was set proves nothing
            boolean sawFlag = lastOfferComing.get();
            runs.incrementAndGet();
            if (sawFlag) {
                drainedAfterLastOffer.countDown();
            }
        };
        int slot = pool.register(drain);
        int offerers = 8;
        int perOfferer = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < offerers; t++) {
            threads.add(started(() -> {
                awaitQuietly(go);
                for (int i = 0; i < perOfferer; i++) {
                    pool.ready(slot, drain);
                }
            }));
        }

        go.countDown();
        for (Thread thread : threads) {
            thread.join(PATIENCE.toMillis());
            assertThat(thread.isAlive()).as("an offering thread still offering").isFalse();
        }
        lastOfferComing.set(true);
        pool.ready(slot, drain);

        assertThat(drainedAfterLastOffer.await(10, SECONDS)).as("a drain after the last offer").isTrue();
        assertThat(runs.get()).isPositive();
    }

    @Test
    void refusesAReadyStreamOnceClosed() {
        WriterPool pool = pool(1, 4);
        int slot = pool.register(() -> { });

        pool.close();

        assertThatThrownBy(() -> pool.ready(slot, () -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.ready(-1, () -> { })).isInstanceOf(IllegalStateException.class);
    }

    private WriterPool pool(int threads) {
        WriterPool pool = new WriterPool(threads, "pool-test");
        pools.add(pool);
        return pool;
    }

    private WriterPool pool(int threads, int streams) {
        WriterPool pool = new WriterPool(threads, "pool-test", streams);
        pools.add(pool);
        return pool;
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
