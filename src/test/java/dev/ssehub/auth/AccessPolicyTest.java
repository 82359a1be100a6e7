package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An application's policy in place of the token's rights: asked once per topic, and safe when it fails. */
class AccessPolicyTest {

    private final Caller ann = new Caller("ann", Rights.of(List.of("news")), Rights.of(List.of("news")), false, true);

    @Test
    void decidesInPlaceOfTheTokenSeeingWhatTheTokenSaid() {
        AccessPolicy teamsOnly = new AccessPolicy() {
            public boolean mayPublish(Caller caller, String topic) {
                return topic.startsWith("team-") || caller.mayPublish(topic);
            }

            public boolean maySubscribe(Caller caller, String topic) {
                return topic.equals("team-a");
            }
        };
        Caller governed = ann.governedBy(teamsOnly);

        assertThat(governed.mayPublish("team-a")).isTrue();
        assertThat(governed.mayPublish("news")).as("the token's own right, kept by the policy").isTrue();
        assertThat(governed.mayPublish("sport")).isFalse();
        assertThat(governed.maySubscribe("news")).isFalse();
        assertThat(governed.maySubscribe("team-a")).isTrue();
    }

    @Test
    void aStreamAsksOncePerTopicAndAFailingPolicyRefusesInsteadOfThrowing() {
        AtomicInteger asked = new AtomicInteger();
        AccessPolicy flaky = new AccessPolicy() {
            public boolean mayPublish(Caller caller, String topic) {
                throw new IllegalStateException("directory down");
            }

            public boolean maySubscribe(Caller caller, String topic) {
                asked.incrementAndGet();
                if (topic.equals("broken")) {
                    throw new IllegalStateException("directory down");
                }
                return true;
            }
        };
        Caller stream = ann.governedBy(flaky).subscribingTo(Set.of("news", "broken"));

        assertThat(asked).hasValue(2);
        for (int i = 0; i < 3; i++) {
            assertThat(stream.maySubscribe("news")).isTrue();
            assertThat(stream.maySubscribe("broken")).isFalse();
        }
        assertThat(stream.maySubscribe("elsewhere")).as("not one of the stream's topics").isFalse();
        assertThat(asked).hasValue(2);
        assertThat(ann.governedBy(flaky).mayPublish("news")).isFalse();
    }
}
