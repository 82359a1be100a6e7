package dev.ssehub.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingFramesTest {

    @Test
    void givesNothingWhenNothingIsPending() {
        PendingFrames pending = new PendingFrames();

        assertThat(pending.poll()).isEqualTo(-1);
        assertThat(pending.backlog()).isZero();
    }

    @Test
    void keepsFirstInFirstOutOrderWhileItGrows() {
        PendingFrames pending = new PendingFrames();
        for (long position = 0; position < 1000; position++) {
            pending.add(position, 1);
        }

        assertThat(pollAll(pending)).isEqualTo(range(0, 1000));
        assertThat(pending.poll()).isEqualTo(-1);
    }

    @Test
    void keepsOrderWhenItGrowsWhileWrappedAround() {
        PendingFrames pending = new PendingFrames();
        // the oldest no longer at the array's start when it fills up and grows
        pending.add(0, 1);
        pending.add(1, 1);
        pending.add(2, 1);
        assertThat(pending.poll()).isZero();
        assertThat(pending.poll()).isEqualTo(1);
        for (long position = 3; position < 20; position++) {
            pending.add(position, 1);
        }

        assertThat(pollAll(pending)).isEqualTo(range(2, 20));
    }

    @Test
    void keepsOrderGoingRoundItsArrayManyTimes() {
        PendingFrames pending = new PendingFrames();
        long next = 0;
        long expected = 0;
        for (int i = 0; i < 3; i++) {
            pending.add(next++, 1);
        }

        for (int round = 0; round < 10_000; round++) {
            pending.add(next++, 1);
            assertThat(pending.poll()).as("round %d", round).isEqualTo(expected++);
        }

        assertThat(pollAll(pending)).isEqualTo(range(expected, next));
    }

    @Test
    void startsAfreshOnceABurstIsEmptied() {
        PendingFrames pending = new PendingFrames();
        // past the size above which an emptied array is given back
        for (long position = 0; position < 500; position++) {
            pending.add(position, 1);
        }
        assertThat(pollAll(pending)).hasSize(500);

        for (long position = 500; position < 510; position++) {
            pending.add(position, 1);
        }

        assertThat(pollAll(pending)).isEqualTo(range(500, 510));
    }

    @Test
    void sumsTheCostOfWhatIsPending() {
        PendingFrames pending = new PendingFrames();

        assertThat(pending.add(0, 100)).isEqualTo(100);
        assertThat(pending.add(1, 30)).isEqualTo(130);
        assertThat(pending.add(2, 7)).isEqualTo(137);
        assertThat(pending.backlog()).isEqualTo(137);
    }

    @Test
    void takesAWrittenFramesCostOffTheBacklog() {
        PendingFrames pending = new PendingFrames();
        pending.add(0, 100);
        pending.add(1, 30);

        pending.poll();
        assertThat(pending.backlog()).as("polled but not yet written").isEqualTo(130);
        pending.written(100);

        assertThat(pending.backlog()).isEqualTo(30);
        assertThat(pending.add(2, 5)).isEqualTo(35);
    }

    @Test
    void clearingTellsHowManyWerePendingAndForgetsThem() {
        PendingFrames pending = new PendingFrames();
        for (long position = 0; position < 7; position++) {
            pending.add(position, 10);
        }
        pending.poll();

        assertThat(pending.clear()).isEqualTo(6);

        assertThat(pending.poll()).isEqualTo(-1);
        assertThat(pending.backlog()).isZero();
        assertThat(pending.clear()).isZero();
    }

    @Test
    void keepsOrderAfterBeingCleared() {
        PendingFrames pending = new PendingFrames();
        for (long position = 0; position < 6; position++) {
            pending.add(position, 1);
        }
        pending.poll();
        pending.poll();
        pending.clear();

        for (long position = 100; position < 110; position++) {
            pending.add(position, 1);
        }

        assertThat(pollAll(pending)).isEqualTo(range(100, 110));
        assertThat(pending.backlog()).isEqualTo(10);
    }

    private static List<Long> pollAll(PendingFrames pending) {
        List<Long> polled = new ArrayList<>();
        // bounded, so that a queue that never empties fails instead of hanging the build
        for (long position = pending.poll(); position != -1 && polled.size() <= 1_000_000; position = pending.poll()) {
            polled.add(position);
        }
        return polled;
    }

    private static List<Long> range(long from, long to) {
        List<Long> positions = new ArrayList<>();
        for (long position = from; position < to; position++) {
            positions.add(position);
        }
        return positions;
    }
}
