package dev.ssehub.connection;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FrameRingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void handsOutPositionsInOrderFromZero() {
        FrameRing ring = new FrameRing(8, 1_000);

        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            positions.add(ring.append(bytes(10), 0));
        }

        assertThat(positions).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void returnsTheVeryArrayThatWasAppended() {
        FrameRing ring = new FrameRing(8, 1_000);
        byte[] first = bytes(10);
        byte[] second = bytes(10);

        long p0 = ring.append(first, 0);
        long p1 = ring.append(second, 0);

        // the ring shares one encoding among all recipients: a copy would defeat it
        assertThat(ring.frame(p0)).isSameAs(first);
        assertThat(ring.frame(p1)).isSameAs(second);
    }

    @Test
    void keepsEachFramesPublishingTime() {
        FrameRing ring = new FrameRing(8, 1_000);

        long p0 = ring.append(bytes(10), 123_456_789L);
        long p1 = ring.append(bytes(10), 0);
        long p2 = ring.append(bytes(10), -42L);

        assertThat(ring.publishedNanos(p0)).isEqualTo(123_456_789L);
        assertThat(ring.publishedNanos(p1)).isZero();
        assertThat(ring.publishedNanos(p2)).isEqualTo(-42L);
    }

    @Test
    void dropsTheOldestFrameOnceItHoldsCapacityFrames() {
        FrameRing ring = new FrameRing(4, 1_000_000);

        for (int i = 0; i < 5; i++) {
            ring.append(encoded(i), 0);
        }

        assertThat(ring.frame(0)).as("the frame a fifth append pushed out").isNull();
        for (long position = 1; position <= 4; position++) {
            assertThat(ring.frame(position)).as("frame %d", position).isEqualTo(encoded(position));
        }
    }

    @Test
    void dropsTheOldestFrameToStayWithinItsByteBudget() {
        FrameRing ring = new FrameRing(16, 100);

        ring.append(bytes(40), 0);
        ring.append(bytes(40), 0);
        assertThat(ring.frame(0)).as("80 bytes are within the budget").isNotNull();
        ring.append(bytes(40), 0);

        assertThat(ring.frame(0)).as("120 bytes are not").isNull();
        assertThat(ring.frame(1)).isNotNull();
        assertThat(ring.frame(2)).isNotNull();
    }

    @Test
    void freesTheBudgetOfFramesDroppedByCount() {
        FrameRing ring = new FrameRing(2, 100);

        // the third append drops frame 0 by count; its 40 bytes must leave the tally with it
        ring.append(bytes(40), 0);
        ring.append(bytes(40), 0);
        ring.append(bytes(40), 0);
        ring.append(bytes(20), 0);

        assertThat(ring.frame(2)).as("40 + 20 bytes fit in 100").isNotNull();
        assertThat(ring.frame(3)).isNotNull();
    }

    @Test
    void keepsAFrameLargerThanTheWholeBudget() {
        FrameRing ring = new FrameRing(8, 100);
        ring.append(bytes(40), 0);
        byte[] huge = bytes(500);

        long position = ring.append(huge, 0);

        // dropping the frame just appended would leave its recipients nothing to write
        assertThat(ring.frame(position)).isSameAs(huge);
        assertThat(ring.frame(0)).isNull();
    }

    @Test
    void makesRoomAgainAfterAFrameLargerThanTheBudget() {
        FrameRing ring = new FrameRing(8, 100);
        ring.append(bytes(500), 0);

        long next = ring.append(bytes(10), 0);

        assertThat(ring.frame(0)).as("the oversized frame, once another follows").isNull();
        assertThat(ring.frame(next)).isNotNull();
    }

    @Test
    void givesFrameAtWithItsPublishingTimeWhileHeld() {
        FrameRing ring = new FrameRing(8, 1_000);
        byte[] frame = bytes(10);

        long position = ring.append(frame, 777L);

        Frame held = ring.frameAt(position);
        assertThat(held).isNotNull();
        assertThat(held.bytes()).isSameAs(frame);
        assertThat(held.publishedNanos()).isEqualTo(777L);
    }

    @Test
    void givesNoFrameAtADroppedPosition() {
        FrameRing ring = new FrameRing(2, 1_000);
        ring.append(bytes(10), 1L);
        ring.append(bytes(10), 2L);
        ring.append(bytes(10), 3L);

        assertThat(ring.frameAt(0)).isNull();
        assertThat(ring.frameAt(2)).isNotNull();
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        for (int capacity : new int[] {0, 3, 6, 100, -4}) {
            assertThatThrownBy(() -> new FrameRing(capacity, 1_000))
                    .as("capacity %d", capacity)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void neverGivesAReaderTheLaterFrameThatReusedTheSlot() throws Exception {
        // small, so that slots are reused constantly while the reader looks at them
        FrameRing ring = new FrameRing(8, 1_000_000);
        long minimumAppends = 1_000_000;
        long minimumFramesRead = 100_000; // the appender goes on until the reader has really raced it
        AtomicLong appended = new AtomicLong(-1); // the newest position a reader may ask for
        AtomicLong framesRead = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        CountDownLatch appenderDone = new CountDownLatch(1);

        Thread reader = started(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get() && wrong.get() == null) {
                long newest = appended.get();
                if (newest < 0) {
                    continue;
                }
                // up to a little more than the capacity behind: held, being reused, or dropped
                long position = Math.max(0, newest - random.nextInt(12));
                Frame frame = ring.frameAt(position);
                if (frame != null) {
                    framesRead.incrementAndGet();
                    long inFrame = positionIn(frame.bytes());
                    if (inFrame != position || frame.publishedNanos() != publishedAt(position)) {
                        wrong.compareAndSet(null, "frameAt(" + position + ") gave frame " + inFrame
                                + " published at " + frame.publishedNanos());
                    }
                }
                byte[] bytes = ring.frame(position);
                if (bytes != null && positionIn(bytes) != position) {
                    wrong.compareAndSet(null, "frame(" + position + ") gave frame " + positionIn(bytes));
                }
            }
        });
        Thread appender = started(() -> {
            long position = 0;
            while (!stop.get() && wrong.get() == null
                    && (position < minimumAppends || framesRead.get() < minimumFramesRead)) {
                long got = ring.append(encoded(position), publishedAt(position));
                if (got != position) {
                    wrong.compareAndSet(null, "appended at " + got + ", expected " + position);
                }
                appended.set(got);
                position++;
            }
            appenderDone.countDown();
        });

        boolean finished = appenderDone.await(PATIENCE.toMillis(), MILLISECONDS);
        stop.set(true);
        appender.join(PATIENCE.toMillis());
        reader.join(PATIENCE.toMillis());

        assertThat(wrong.get()).as("a frame read for the wrong position").isNull();
        assertThat(finished).as("the reader read %d frames in time", framesRead.get()).isTrue();
    }

    /** Distinct from the position itself, so that swapped fields would show. */
    private static long publishedAt(long position) {
        return 1_000_000_000L + position;
    }

    private static byte[] encoded(long position) {
        return ByteBuffer.allocate(Long.BYTES).putLong(position).array();
    }

    private static long positionIn(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong();
    }

    private static byte[] bytes(int length) {
        return new byte[length];
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

}
