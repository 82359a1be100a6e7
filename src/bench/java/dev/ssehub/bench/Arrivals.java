package dev.ssehub.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** Events that reached subscribers: how many, and the delay of each from its publishing. */
final class Arrivals {

    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong delivered = new AtomicLong();

    /** @param sentNanos the publisher's {@code System.nanoTime()}, carried in the event's data */
    void arrived(long sentNanos) {
        long delay = System.nanoTime() - sentNanos;
        synchronized (latency) {
            latency.recordValue(Math.max(0, Math.min(delay, latency.getHighestTrackableValue())));
        }
        delivered.incrementAndGet();
    }

    long delivered() {
        return delivered.get();
    }

    /** The delays since the last call, and a fresh start. */
    Histogram takeLatency() {
        synchronized (latency) {
            Histogram copy = latency.copy();
            latency.reset();
            return copy;
        }
    }
}
