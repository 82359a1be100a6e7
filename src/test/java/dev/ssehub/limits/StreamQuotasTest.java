package dev.ssehub.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.api.ApiException;
import org.junit.jupiter.api.Test;

class StreamQuotasTest {

    private final StreamQuotas quotas = new StreamQuotas(3, 2);

    @Test
    void limitsStreamsPerSubjectAndPerAddressAndNamesTheLimit() {
        StreamQuotas.Lease first = quotas.acquire("10.0.0.1", "ann");
        quotas.acquire("10.0.0.2", "ann");
        assertThatThrownBy(() -> quotas.acquire("10.0.0.3", "ann")).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("connections_per_subject"));
        assertThat(quotas.streamsOf("10.0.0.3")).as("a refusal takes nothing").isZero();

        quotas.acquire("10.0.0.1", null);
        quotas.acquire("10.0.0.1", null);
        assertThatThrownBy(() -> quotas.acquire("10.0.0.1", null)).isInstanceOfSatisfying(ApiException.class,
                refusal -> {
                    assertThat(refusal.status()).isEqualTo(429);
                    assertThat(refusal.code()).isEqualTo("connections_per_address");
                });

        first.release();
        first.release(); // twice gives back once
        assertThat(quotas.streamsOf("10.0.0.1")).isEqualTo(2);
        quotas.acquire("10.0.0.4", "ann");
    }

    @Test
    void anAddressWhoseStreamsEndedIsForgotten() {
        StreamQuotas.Lease lease = quotas.acquire("10.0.0.9", "ann");
        lease.release();
        assertThat(quotas.streamsOf("10.0.0.9")).isZero();
        for (int i = 0; i < 100; i++) {
            quotas.acquire("10.0.0.9", null).release();
        }
        assertThat(quotas.streamsOf("10.0.0.9")).isZero();
    }
}
