package dev.ssehub.connection;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadyStreamsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void givesSlotsBackInTheOrderTheyWereOffered() {
        ReadyStreams ready = new ReadyStreams(8);

        for (int slot : new int[] {5, 0, 7, 3, 3}) {
            assertThat(ready.offer(slot)).isTrue();
        }

        assertThat(pollAll(ready)).containsExactly(5, 0, 7, 3, 3);
    }

    @Test
    void givesNothingWhenEmpty() {
        ReadyStreams ready = new ReadyStreams(4);

        assertThat(ready.poll()).isEqualTo(-1);
        ready.offer(2);
        ready.poll();
        assertThat(ready.poll()).isEqualTo(-1);
    }

    @Test
    void refusesAnOfferOnceFull() {
        ReadyStreams ready = new ReadyStreams(4);
        for (int slot = 0; slot < 4; slot++) {
            assertThat(ready.offer(slot)).as("offer %d", slot).isTrue();
        }

        assertThat(ready.offer(99)).isFalse();
        assertThat(pollAll(ready)).as("the refused offer left out").containsExactly(0, 1, 2, 3);
    }

    @Test
    void takesAnOfferAgainOnceOneIsPolled() {
        ReadyStreams ready = new ReadyStreams(2);
        ready.offer(10);
        ready.offer(11);
        assertThat(ready.offer(12)).isFalse();

        assertThat(ready.poll()).isEqualTo(10);

        assertThat(ready.offer(12)).isTrue();
        assertThat(ready.offer(13)).isFalse();
        assertThat(pollAll(ready)).containsExactly(11, 12);
    }

    @Test
    void keepsOrderGoingRoundItsCellsManyTimes() {
        ReadyStreams ready = new ReadyStreams(4);
        int next = 0;
        int expected = 0;
        for (int i = 0; i < 3; i++) {
            ready.offer(next++);
        }

        for (int lap = 0; lap < 10_000; lap++) {
            assertThat(ready.offer(next++)).as("offer in lap %d", lap).isTrue();
            assertThat(ready.poll()).as("poll in lap %d", lap).isEqualTo(expected++);
        }

        assertThat(pollAll(ready)).containsExactly(expected, expected + 1, expected + 2);
    }

    @Test
    void tellsWhetherAnythingIsWaiting() {
        ReadyStreams ready = new ReadyStreams(4);
        assertThat(ready.isEmpty()).isTrue();

        ready.offer(1);
        ready.offer(2);
        assertThat(ready.isEmpty()).isFalse();
        ready.poll();
        assertThat(ready.isEmpty()).isFalse();
        ready.poll();

        assertThat(ready.isEmpty()).isTrue();
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        for (int capacity : new int[] {0, 3, 6, 1000, -8}) {
            assertThatThrownBy(() -> new ReadyStreams(capacity))
                    .as("capacity %d", capacity)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void handsEveryOfferToExactlyOneTakerAcrossManyThreads() throws InterruptedException {
        // small, so that producers keep finding it full and every cell is reused many times
        ReadyStreams ready = new ReadyStreams(16);
        int producers = 4;
        int perProducer = 50_000;
        int total = producers * perProducer;
        AtomicIntegerArray takes = new AtomicIntegerArray(total);
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger outOfRange = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch consumersDone = new CountDownLatch(2);
        List<Thread> threads = new ArrayList<>();

        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            threads.add(started(() -> {
                awaitQuietly(go);
                for (int value = first; value < first + perProducer && !stop.get(); value++) {
                    while (!ready.offer(value) && !stop.get()) {
                        Thread.yield(); // full: a consumer will make room; yielding, as the machine's cores are few
                    }
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            threads.add(started(() -> {
                awaitQuietly(go);
                while (taken.get() < total && !stop.get()) {
                    int value = ready.poll();
                    if (value < 0) {
                        Thread.yield();
                    } else if (value >= total) {
                        outOfRange.incrementAndGet();
                    } else {
                        takes.incrementAndGet(value);
                        taken.incrementAndGet();
                    }
                }
                consumersDone.countDown();
            }));
        }

        go.countDown();
        boolean finished = consumersDone.await(PATIENCE.toMillis(), MILLISECONDS);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(PATIENCE.toMillis());
        }

        assertThat(finished).as("all %d taken in time; %d were", total, taken.get()).isTrue();
        assertThat(outOfRange.get()).as("values never offered").isZero();
        assertThat(IntStream.range(0, total).filter(i -> takes.get(i) != 1).limit(10))
                .as("values not taken exactly once")
                .isEmpty();
        assertThat(ready.poll()).as("left over once all were taken").isEqualTo(-1);
        assertThat(ready.isEmpty()).isTrue();
    }

    private static List<Integer> pollAll(ReadyStreams ready) {
        List<Integer> polled = new ArrayList<>();
        // bounded, so that a queue that never empties fails instead of hanging the build
        for (int slot = ready.poll(); slot != -1 && polled.size() <= 1_000_000; slot = ready.poll()) {
            polled.add(slot);
        }
        return polled;
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
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
