package dev.ssehub.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTextTest {

    @Property
    void anyTextEscapedAsUtf8IsText(@ForAll String text) {
        String query = "topic=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&x=1";

        assertThat(QueryText.decodesAsUtf8(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"topic=a", "topic=caf%C3%A9", "topic=%F0%9F%98%80", "topic=%41%42", "topic=é"})
    void acceptsText(String query) {
        assertThat(QueryText.decodesAsUtf8(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"topic=%C3%28", "topic=%FF", "topic=%ED%A0%80", "topic=%E2%82", "other=%C0%AF&topic=a",
        "topic=a&x=%E2%82%28"})
    void refusesEscapesThatAreNotUtf8(String query) {
        assertThat(QueryText.decodesAsUtf8(query)).isFalse();
    }
}
