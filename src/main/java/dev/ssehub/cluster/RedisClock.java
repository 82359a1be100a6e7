package dev.ssehub.cluster;

import java.util.List;

/**
 * This node's view of Redis's clock, from Redis's own {@code TIME}: a publish's deadline is given
 * to the append script in Redis's time, so that two machines whose clocks differ still agree on
 * when it has passed.
 *
 * <p>The offset kept is the smallest one a sample allows (Redis's time less the moment its answer
 * arrived here). A script that compares Redis's time with a deadline converted by it can only
 * accept before the deadline has passed here: once it has, a 503 is the truth.
 */
final class RedisClock {

    private volatile long offsetMillis;

    /** A sample: Redis's {@code TIME} answer, and when it arrived here. */
    void sample(Object seconds, Object micros, long receivedMillis) {
        long redisMillis = Long.parseLong(String.valueOf(seconds)) * 1000 + Long.parseLong(String.valueOf(micros)) / 1000;
        offsetMillis = redisMillis - receivedMillis;
    }

    void sample(List<String> time, long receivedMillis) {
        sample(time.get(0), time.get(1), receivedMillis);
    }

    /** {@code localMillis} (this JVM's wall clock) in Redis's time. */
    long toRedis(long localMillis) {
        return localMillis + offsetMillis;
    }
}
