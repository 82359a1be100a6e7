package dev.ssehub.connection;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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

    private WriterPool pool(int threads) {
        WriterPool pool = new WriterPool(threads, "pool-test");
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
