package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTest {

    @Test
    void parsesAndPrintsItsOwnShape() {
        assertThat(EventId.parse("1732441680000-42")).contains(new EventId(1732441680000L, 42));
        assertThat(new EventId(7, 9)).hasToString("7-9");
    }

    @Test
    void comparesAsAPairNotAsText() {
        assertThat(new EventId(1, 10)).isGreaterThan(new EventId(1, 9));
        assertThat(new EventId(2, 0)).isGreaterThan(new EventId(1, 99));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "a-1", "1-", "-1", "1-2-3", " 1-2", "99999999999999999999-1", "1-+2"})
    void findsNoIdInAnythingElse(String text) {
        assertThat(EventId.parse(text)).isEmpty();
    }

    @Test
    void checksLastEventIdAsUntrustedInput() {
        assertThat(LastEventId.parse(null)).isNull();
        assertThat(LastEventId.parse("")).isNull();
        assertThat(LastEventId.parse("anything-printable~")).isEqualTo(new LastEventId("anything-printable~", null));
        assertThat(LastEventId.parse("12-34")).isEqualTo(new LastEventId("12-34", new EventId(12, 34)));
        assertThatThrownBy(() -> LastEventId.parse("x".repeat(129))).hasMessageContaining("128");
        assertThatThrownBy(() -> LastEventId.parse("caf\u00e9")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> LastEventId.parse("a\tb")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> LastEventId.parse("1-1 2")).hasMessageContaining("without spaces");
    }
}
