package dev.ssehub.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.api.ApiException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PublishRate rate = new PublishRate(3, now::get);

    @Test
    void aSubjectMayBurstToItsRateThenKeepsToIt() {
        rate.take("ann");
        rate.take("ann");
        rate.take("ann");
        assertThatThrownBy(() -> rate.take("ann")).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(429);
            assertThat(refusal.code()).isEqualTo("publish_rate");
            assertThat(refusal.getMessage()).contains("ssehub.publish.rate-per-subject");
        });
        rate.take("ben"); // another subject has its own bucket

        now.addAndGet(340_000_000L); // a third of a second earns one publish
        rate.take("ann");
        assertThatThrownBy(() -> rate.take("ann")).isInstanceOf(ApiException.class);
    }

    @Test
    void bucketsThatRefilledAreForgotten() {
        rate.take("ann");
        rate.take("ben");
        now.addAndGet(2_000_000_000L);
        rate.forgetIdle();
        assertThat(rate.subjects()).isZero();
    }

    @Test
    void zeroMeansNoLimit() {
        PublishRate unlimited = new PublishRate(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            unlimited.take("ann");
        }
        assertThat(unlimited.subjects()).isZero();
    }
}
