package dev.ssehub.hub;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.connection.Frame;
import dev.ssehub.protocol.SseEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stream opened with a token lives as long as the token: it is told
 * {@code credentials-expiring} {@code ssehub.credentials.warning.seconds} before, so that the page
 * can reconnect with a fresh token and its last id, and it is closed when the token expires.
 */
final class TokenExpiry {

    private final ScheduledExecutorService timer;
    private final Duration warning;

    TokenExpiry(ScheduledExecutorService timer, Duration warning) {
        this.timer = timer;
        this.warning = warning;
    }

    void endWith(Subscription subscription, Instant expires) {
        long untilExpiry = Math.max(0, Duration.between(Instant.now(), expires).toMillis());
        long untilWarning = untilExpiry - warning.toMillis();
        Frame expiring = Frame.unpublished(SseEncoder.signal("credentials-expiring", JSON.createObjectBuilder()
                .add("exp", expires.getEpochSecond()).build().toString()));
        List<ScheduledFuture<?>> timers = new ArrayList<>(2);
        if (untilWarning > 0) {
            timers.add(timer.schedule(() -> FanOut.alone(subscription, expiring), untilWarning, TimeUnit.MILLISECONDS));
        } else {
            FanOut.alone(subscription, expiring);
        }
        timers.add(timer.schedule(() -> {
            subscription.markExpired();
            subscription.emitter().close();
        }, untilExpiry, TimeUnit.MILLISECONDS));
        subscription.whenClosed(() -> timers.forEach(scheduled -> scheduled.cancel(false)));
    }
}
