package dev.ssehub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PublicationTest {

    @Test
    void defaultsToTheDefaultTopicAndDropsRepeatedTopics() {
        assertThat(new Publication(List.of(), null, "x", null, false, null).topics()).containsExactly("default");
        assertThat(new Publication(List.of("a", "b", "a"), null, "x", null, false, null).topics())
                .containsExactly("a", "b");
    }

    @Test
    void anEventForUsersIsPrivate() {
        assertThat(new Publication(List.of("a"), null, "x", null, false, Set.of("ann")).privateEvent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ä", "a#b", "a?b"})
    void refusesBadTopicsNamingThem(String topic) {
        assertThatThrownBy(() -> Publication.of(topic, "x")).hasMessageContaining("topic");
    }

    @Test
    void acceptsEveryAllowedTopicCharacterUpTo200() {
        assertThat(Publication.of("AZaz09._~:/@-", "x").topics()).containsExactly("AZaz09._~:/@-");
        assertThat(Publication.of("t".repeat(200), "x").topics()).hasSize(1);
        assertThatThrownBy(() -> Publication.of("t".repeat(201), "x")).hasMessageContaining("topic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "open", "gap", "", "a\nb", "a\rb", "a\0b"})
    void refusesReservedOrBrokenEventTypes(String event) {
        assertThatThrownBy(() -> new Publication(List.of("a"), event, "x", null, false, null))
                .hasMessageContaining("event");
    }

    @Test
    void refusesEventTypesOver100Characters() {
        assertThat(new Publication(List.of("a"), "e".repeat(100), "x", null, false, null).event()).hasSize(100);
        assertThatThrownBy(() -> new Publication(List.of("a"), "e".repeat(101), "x", null, false, null))
                .hasMessageContaining("event");
    }

    @Test
    void refusesTextThatUtf8CannotCarry() {
        assertThatThrownBy(() -> Publication.of("a", "x\uD800y")).hasMessageContaining("data");
        assertThat(Publication.of("a", "\uD83D\uDE00").data()).isEqualTo("😀");
    }

    @Test
    void refusesNegativeRetryAndEmptyUsers() {
        assertThatThrownBy(() -> new Publication(List.of("a"), null, "x", -1L, false, null)).hasMessageContaining("retry");
        assertThatThrownBy(() -> new Publication(List.of("a"), null, "x", null, false, Set.of(""))).hasMessageContaining("users");
    }
}
