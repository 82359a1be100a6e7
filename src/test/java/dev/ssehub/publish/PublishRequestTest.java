package dev.ssehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.api.ApiException;
import dev.ssehub.hub.Publication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishRequestTest {

    @Test
    void readsEveryField() {
        Publication publication = json("{\"topics\":[\"a\",\"b\"],\"event\":\"e\",\"data\":\"d\",\"retry\":5,"
                + "\"private\":true,\"users\":[\"ann\"]}");

        assertThat(publication).isEqualTo(new Publication(List.of("a", "b"), "e", "d", 5L, true, Set.of("ann")));
    }

    @Test
    void sendsStringsAsTheyAreAndOtherValuesAsJson() {
        assertThat(json("{\"data\":\"a\\nb\"}").data()).isEqualTo("a\nb");
        assertThat(json("{\"data\":{\"n\":[1,true,null]}}").data()).isEqualTo("{\"n\":[1,true,null]}");
        assertThat(json("{\"data\":42}").data()).isEqualTo("42");
        assertThat(json("{}").data()).isEmpty();
        assertThat(json("{}").topics()).containsExactly("default");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"topic\":1}|topic",
        "{\"topic\":\"a\",\"topics\":[\"b\"]}|topic or topics",
        "{\"topics\":\"a\"}|topics",
        "{\"topics\":[1]}|topics",
        "{\"event\":5}|event",
        "{\"event\":\"error\"}|reserved",
        "{\"retry\":-1}|retry",
        "{\"retry\":1.5}|retry",
        "{\"retry\":\"5\"}|retry",
        "{\"private\":\"yes\"}|private",
        "{\"users\":[null]}|users",
        "{\"id\":\"1-1\"}|assigned by the hub",
        "{\"colour\":\"red\"}|colour",
        "[1]|JSON object",
        "{\"topic\":\"a b\"}|topic 'a b'",
    })
    void refusesBadFieldsNamingThem(String body, String named) {
        assertThatThrownBy(() -> json(body))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(named);
    }

    @Test
    void refusesMalformedAndTooDeepJson() {
        assertThatThrownBy(() -> JsonBody.parse("{\"data\":")).hasMessageContaining("malformed JSON");
        String deep = "[".repeat(65) + "]".repeat(65);
        assertThatThrownBy(() -> JsonBody.parse(deep)).hasMessageContaining("64");
        assertThat(JsonBody.parse("[".repeat(64) + "]".repeat(64))).isNotNull();
    }

    @Test
    void readsFormsLikeCurlSendsThem() {
        Publication publication = PublishRequest.fromForm(FormBody.parse(
                "topic=a&topic=b&data=hello+world%0A%F0%9F%98%80&event=e&private=true&users=ann&users=ben&retry=10"));

        assertThat(publication).isEqualTo(new Publication(List.of("a", "b"), "e", "hello world\n😀", 10L, true,
                Set.of("ann", "ben")));
    }

    @Test
    void refusesBadForms() {
        assertThatThrownBy(() -> FormBody.parse("data=%zz")).hasMessageContaining("%-escape");
        assertThatThrownBy(() -> FormBody.parse("data=%C3")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> PublishRequest.fromForm(FormBody.parse("data=a&data=b"))).hasMessageContaining("data");
        assertThatThrownBy(() -> PublishRequest.fromForm(FormBody.parse("private=yes"))).hasMessageContaining("private");
        assertThatThrownBy(() -> PublishRequest.fromForm(FormBody.parse("retry=soon"))).hasMessageContaining("retry");
        assertThatThrownBy(() -> PublishRequest.fromForm(FormBody.parse("nope=1"))).hasMessageContaining("nope");
    }

    @Test
    void refusesBodiesThatAreNotUtf8() {
        assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0xC3, 0x28}, "the body"))
                .hasMessageContaining("not valid UTF-8");
        assertThat(Utf8.decode("ok".getBytes(StandardCharsets.UTF_8), "the body")).isEqualTo("ok");
    }

    @Test
    void refusesContentTypesItDoesNotTakeWith415() {
        for (String type : new String[] {";;", "", "text/plain", "application/json; charset=latin1"}) {
            assertThatThrownBy(() -> PublishResource.MediaType.of(type))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
        }
        assertThat(PublishResource.MediaType.of("Application/JSON; charset=\"utf-8\"")).isEqualTo(PublishResource.MediaType.JSON);
    }

    private static Publication json(String body) {
        return PublishRequest.fromJson(JsonBody.parse(body), "the body");
    }
}
