package dev.ssehub.limits;

import dev.ssehub.api.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Publishes per second per token subject ({@code 0}: no limit): a token bucket per subject that
 * holds one second's worth and refills continuously, so a publisher may burst to its rate and
 * then keeps to it. A batch is one publish. Buckets that have refilled are forgotten.
 */
public final class PublishRate {

    private static final long SECOND_NANOS = 1_000_000_000L;
    /** Past this many subjects, the idle ones are swept before the next is counted. */
    private static final int MAX_REMEMBERED = 10_000;

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    public PublishRate(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** @throws ApiException 429 naming the limit when the subject has used its rate */
    public void take(String subject) {
        if (perSecond == 0) {
            return;
        }
        if (buckets.size() > MAX_REMEMBERED) {
            forgetIdle();
        }
        long now = nanoTime.getAsLong();
        boolean[] allowed = {false};
        buckets.compute(subject == null ? "" : subject, (key, bucket) -> {
            Bucket current = bucket == null ? new Bucket(perSecond, now) : bucket;
            refill(current, now);
            if (current.tokens >= 1) {
                current.tokens -= 1;
                allowed[0] = true;
            }
            return current;
        });
        if (!allowed[0]) {
            throw StreamQuotas.refusal("publish_rate", "this subject publishes more than " + perSecond
                    + " times a second (ssehub.publish.rate-per-subject)");
        }
    }

    /** Forgets the buckets that are full again: their subjects would start afresh anyway. */
    public void forgetIdle() {
        long now = nanoTime.getAsLong();
        for (String subject : buckets.keySet()) {
            buckets.computeIfPresent(subject, (key, bucket) -> {
                refill(bucket, now);
                return bucket.tokens >= perSecond ? null : bucket;
            });
        }
    }

    int subjects() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        double earned = (double) (now - bucket.refilledAt) * perSecond / SECOND_NANOS;
        bucket.tokens = Math.min(perSecond, bucket.tokens + earned);
        bucket.refilledAt = now;
    }
}
