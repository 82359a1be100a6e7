package dev.ssehub.hub;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ends each stream after {@code ssehub.stream.max-lifetime.seconds}, less a random share of up to
 * {@code ssehub.stream.lifetime-jitter} of it, so that clients come back spread out, to whichever
 * node a balancer now picks, instead of staying on the nodes they first found. A stream ends
 * after writing what is queued for it, and its client resumes from the last event it got.
 */
final class StreamLifetime {

    private final ScheduledExecutorService timer;
    private final long maxMillis;
    private final double jitter;

    StreamLifetime(ScheduledExecutorService timer, Duration max, double jitter) {
        this.timer = timer;
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
    }

    void endInTime(Subscription subscription) {
        long millis = Math.max(1, Math.round(maxMillis * (1 - jitter * ThreadLocalRandom.current().nextDouble())));
        ScheduledFuture<?> end = timer.schedule(() -> subscription.emitter().end(), millis, TimeUnit.MILLISECONDS);
        subscription.whenClosed(() -> end.cancel(false));
    }
}
