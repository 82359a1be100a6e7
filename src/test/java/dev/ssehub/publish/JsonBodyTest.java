package dev.ssehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ssehub.api.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonBodyTest {

    private static final String TEN_THOUSAND_DIGITS = "9" + "0123456789".repeat(999) + "876543210";

    static Stream<Arguments> numbersKeptAsWritten() {
        return Stream.of(
                argumentSet("zero is kept", "0"),
                argumentSet("minus zero keeps its sign", "-0"),
                argumentSet("a trailing zero in the fraction is kept", "1.0"),
                argumentSet("a lower-case exponent is not rewritten as 1E+2", "1e2"),
                argumentSet("an exponent beyond double's range is kept", "1E+400"),
                argumentSet("a negative exponent beyond double's range is kept", "-1e-400"),
                argumentSet("an integer beyond long's range is kept", "123456789012345678901234567890"),
                argumentSet("a fraction beyond double's precision is kept", "0.1000000000000000055511151231257827"),
                argumentSet("exponent zeros are kept", "1e000000000000000000000000000007"),
                argumentSet("the largest exponent a BigDecimal holds is kept", "1e2147483647"),
                argumentSet("the smallest scale a BigDecimal holds is kept", "1e-2147483647"),
                argumentSet("a 10,000-digit integer is kept", TEN_THOUSAND_DIGITS),
                argumentSet("10,000 digits around a decimal point are kept", "-0." + "7".repeat(9_999) + "E-5"));
    }

    @ParameterizedTest
    @MethodSource
    void numbersKeptAsWritten(String literal) {
        assertThat(JsonBody.parse(literal)).asString().isEqualTo(literal);
        assertThat(JsonBody.parse("[" + literal + "]")).asString().isEqualTo("[" + literal + "]");
        assertThat(JsonBody.parse("{\"data\" : { \"n\" : " + literal + " } }")).asString()
                .isEqualTo("{\"data\":{\"n\":" + literal + "}}");
    }

    @ParameterizedTest
    @MethodSource("numbersKeptAsWritten")
    void numbersKeptAsWrittenHaveTheValueBigDecimalReads(String literal) {
        JsonNumber number = (JsonNumber) JsonBody.parse(literal);

        assertThat(number.bigDecimalValue()).isEqualTo(new BigDecimal(literal));
        assertThat(number.isIntegral()).isEqualTo(new BigDecimal(literal).scale() == 0);
        assertThat(number).isEqualTo(JsonBody.parse(literal)).hasSameHashCodeAs(JsonBody.parse(literal));
    }

    static Stream<Arguments> numbersRefused() {
        return Stream.of(
                argumentSet("an exponent with eleven digits", "1e99999999999", "exponent is out of range: 1e99999999999"),
                argumentSet("a negative exponent with eleven digits", "0.1e-99999999999", "exponent is out of range"),
                argumentSet("an exponent one past int", "1e2147483648", "exponent is out of range"),
                argumentSet("a scale one past int", "0.1e-2147483647", "exponent is out of range"),
                argumentSet("zero with an exponent past int", "0e99999999999", "exponent is out of range"),
                argumentSet("an exponent past long", "1e" + "9".repeat(30), "exponent is out of range"),
                argumentSet("10,001 digits", TEN_THOUSAND_DIGITS + "1", "more than 10000 digits"),
                argumentSet("10,001 digits with a fraction", "1." + "0".repeat(10_000), "more than 10000 digits"),
                argumentSet("a huge exponent deep in a publication", "[{\"data\":{\"x\":[1E+9999999999]}}]",
                        "cannot be carried exactly"));
    }

    @ParameterizedTest
    @MethodSource
    void numbersRefused(String body, String message) {
        assertRefused(() -> JsonBody.parse(body), message);
    }

    @Test
    void aRefusedNumberIsEchoedShortly() {
        assertThatThrownBy(() -> JsonBody.parse(TEN_THOUSAND_DIGITS + "1"))
                .hasMessageEndingWith(TEN_THOUSAND_DIGITS.substring(0, 32) + "…(10001 characters)");
    }

    static Stream<Arguments> extremeNumbers() {
        return Stream.of(
                argumentSet("the largest exponent", "1e2147483647"),
                argumentSet("the smallest scale", "-7e-2147483647"),
                argumentSet("a large exponent with a fraction", "-1.5e2000000000"),
                argumentSet("a small number with many digits", "0." + "3".repeat(9_999) + "e-2000000000"),
                argumentSet("a large exponent on zero", "0e2147483647"));
    }

    @ParameterizedTest
    @MethodSource
    void extremeNumbers(String literal) {
        JsonNumber number = (JsonNumber) JsonBody.parse(literal);
        BigDecimal exact = new BigDecimal(literal);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(number.isIntegral()).isEqualTo(exact.scale() == 0);
            assertThat(number.longValue()).isEqualTo(exact.longValue());
            assertThat(number.intValue()).isEqualTo(exact.intValue());
            assertThat(number.doubleValue()).isEqualTo(exact.doubleValue());
            assertThat(number.equals(JsonBody.parse(literal))).isTrue();
            assertThat(number.hashCode()).isEqualTo(exact.hashCode());
            assertSameOrArithmeticException(number, JsonNumber::intValueExact, exact.signum() == 0 ? 0 : null);
            assertSameOrArithmeticException(number, JsonNumber::longValueExact, exact.signum() == 0 ? 0L : null);
            assertSameOrArithmeticException(number, JsonNumber::bigIntegerValue, tinyOrZero(exact));
            assertSameOrArithmeticException(number, JsonNumber::bigIntegerValueExact,
                    exact.signum() == 0 ? BigInteger.ZERO : null);
        });
    }

    /** BigDecimal's own answer would take minutes to compute; this is what it would be. */
    private static BigInteger tinyOrZero(BigDecimal exact) {
        return exact.signum() == 0 || exact.scale() > 0 ? BigInteger.ZERO : null;
    }

    /** @param expected the result, or {@code null} if an ArithmeticException is expected */
    private static <T> void assertSameOrArithmeticException(JsonNumber number, Function<JsonNumber, T> method,
            T expected) {
        if (expected == null) {
            assertThatThrownBy(() -> method.apply(number)).isInstanceOf(ArithmeticException.class);
        } else {
            assertThat(method.apply(number)).isEqualTo(expected);
        }
    }

    @Test
    void aWholeNumberConvertsLikeBigDecimal() {
        JsonNumber number = (JsonNumber) JsonBody.parse("-123456789012345678901234567890");
        BigDecimal exact = new BigDecimal("-123456789012345678901234567890");

        assertThat(number.isIntegral()).isTrue();
        assertThat(number.bigIntegerValue()).isEqualTo(exact.toBigInteger());
        assertThat(number.longValue()).isEqualTo(exact.longValue());
        assertThat(number.intValue()).isEqualTo(exact.intValue());
        assertThatThrownBy(number::longValueExact).isInstanceOf(ArithmeticException.class);
        assertThat(((JsonNumber) JsonBody.parse("1e2")).isIntegral()).isFalse();
        assertThat(((JsonNumber) JsonBody.parse("0.0000001e25")).longValueExact()).isEqualTo(1_000_000_000_000_000_000L);
    }

    static Stream<Arguments> duplicateKeys() {
        return Stream.of(
                argumentSet("at the top level", "{\"topic\":\"a\",\"data\":1,\"topic\":\"b\"}", "topic"),
                argumentSet("with the same value", "{\"a\":1,\"a\":1}", "a"),
                argumentSet("in a nested object", "{\"data\":{\"x\":{\"k\":1,\"k\":2}}}", "k"),
                argumentSet("in an array item", "[{\"topic\":\"a\"},{\"topic\":\"a\",\"topic\":\"b\"}]", "topic"),
                argumentSet("in an object deep in arrays", "[[[{\"n\":[{\"z\":null,\"z\":null}]}]]]", "z"),
                argumentSet("spelled with different escapes", "{\"ab\":1,\"\\u0061\\u0062\":2}", "ab"),
                argumentSet("that is empty", "{\"\":1,\"\":2}", ""),
                argumentSet("that is an astral character", "{\"😀\":1,\"\\ud83d\\ude00\":2}", "😀"),
                argumentSet("that is long, shortened", "{\"" + "k".repeat(100) + "\":1,\"" + "k".repeat(100) + "\":2}",
                        "k".repeat(32) + "…(100 characters)"),
                argumentSet("with control characters, replaced", "{\"a\\nb\\u0000c\":1,\"a\\nb\\u0000c\":2}",
                        "a\uFFFDb\uFFFDc"),
                argumentSet("that is a lone surrogate, replaced", "{\"\\ud800\":1,\"\\ud800\":2}", "\uFFFD"),
                argumentSet("even when the body is malformed later", "{\"a\":1,\"a\":2,", "a"));
    }

    @ParameterizedTest
    @MethodSource
    void duplicateKeys(String body, String key) {
        assertRefused(() -> JsonBody.parse(body), "duplicate key \"" + key + "\" in the JSON body");
    }

    static Stream<Arguments> sameKeysThatAreNotDuplicates() {
        return Stream.of(
                argumentSet("in sibling objects", "[{\"a\":1},{\"a\":2}]"),
                argumentSet("at different depths", "{\"a\":{\"a\":{\"a\":1}}}"),
                argumentSet("that differ only in case", "{\"a\":1,\"A\":2}"),
                argumentSet("that differ only in normalisation", "{\"\\u00e9\":1,\"e\\u0301\":2}"));
    }

    @ParameterizedTest
    @MethodSource
    void sameKeysThatAreNotDuplicates(String body) {
        assertThat(JsonBody.parse(body)).isNotNull();
    }

    static Stream<Arguments> nesting() {
        return Stream.of(
                argumentSet("64 arrays are read", "[".repeat(64) + "]".repeat(64), true),
                argumentSet("64 objects are read", "{\"a\":".repeat(63) + "{}" + "}".repeat(63), true),
                argumentSet("64 levels of both are read", "[{\"a\":".repeat(32) + "0" + "}]".repeat(32), true),
                argumentSet("64 levels deep in a wide array are read",
                        "[" + "1,".repeat(1000) + "[".repeat(63) + "]".repeat(63) + "]", true),
                argumentSet("65 arrays are refused", "[".repeat(65) + "]".repeat(65), false),
                argumentSet("65 objects are refused", "{\"a\":".repeat(64) + "{}" + "}".repeat(64), false),
                argumentSet("65 levels deep in a wide array are refused",
                        "[" + "1,".repeat(1000) + "[".repeat(64) + "]".repeat(64) + "]", false),
                argumentSet("65 unclosed arrays are refused for their depth", "[".repeat(65), false),
                argumentSet("a million unclosed arrays are refused for their depth", "[".repeat(1_000_000), false));
    }

    @ParameterizedTest
    @MethodSource
    void nesting(String body, boolean read) {
        if (read) {
            assertThat(JsonBody.parse(body)).isNotNull();
        } else {
            assertRefused(() -> JsonBody.parse(body), "JSON nested deeper than 64 levels");
        }
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                argumentSet("every short escape", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t"),
                argumentSet("unicode escapes in either case", "\"\\u0041\\u00e9\\u00E9\\uFFFF\"", "Aéé\uFFFF"),
                argumentSet("an escaped NUL", "\"a\\u0000b\"", "a\u0000b"),
                argumentSet("every escaped control character",
                        "\"" + escapedControls() + "\"", controls()),
                argumentSet("a DEL and a C1 control as they are", "\"\u007F\u0085\"", "\u007F\u0085"),
                argumentSet("an escaped surrogate pair", "\"\\ud83d\\ude00\"", "😀"),
                argumentSet("a surrogate pair as it is", "\"😀\"", "😀"),
                argumentSet("half escaped, half as it is", "\"\\ud83d\ude00\"", "😀"),
                argumentSet("a lone high surrogate", "\"\\ud800\"", "\ud800"),
                argumentSet("a lone low surrogate", "\"\\udfff\"", "\udfff"),
                argumentSet("a reversed pair", "\"\\ude00\\ud83d\"", "\ude00\ud83d"),
                argumentSet("a high surrogate before a letter", "\"\\ud83dx\"", "\ud83dx"),
                argumentSet("line and paragraph separators", "\"\u2028\u2029\"", "\u2028\u2029"),
                argumentSet("a byte-order mark inside", "\"\uFEFF\"", "\uFEFF"),
                argumentSet("the empty string", "\"\"", ""),
                argumentSet("a long string", "\"" + "ab\\n".repeat(100_000) + "\"", "ab\n".repeat(100_000)));
    }

    @ParameterizedTest
    @MethodSource
    void strings(String body, String expected) {
        JsonString string = (JsonString) JsonBody.parse(body);

        assertThat(string.getString()).isEqualTo(expected);
        assertThat(((JsonString) JsonBody.parse(string.toString())).getString()).isEqualTo(expected);
        JsonArray inArray = (JsonArray) JsonBody.parse("[" + body + "]");
        assertThat(((JsonArray) JsonBody.parse(inArray.toString())).getString(0)).isEqualTo(expected);
    }

    private static String escapedControls() {
        StringBuilder escaped = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            escaped.append(String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }

    private static String controls() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        return controls.toString();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                argumentSet("an empty body", ""),
                argumentSet("only whitespace", " \t\r\n"),
                argumentSet("text after the value", "{} x"),
                argumentSet("a second value", "{}{}"),
                argumentSet("a second number", "1 2"),
                argumentSet("a leading zero", "01"),
                argumentSet("a leading zero in an array", "[01]"),
                argumentSet("a plus sign", "+1"),
                argumentSet("a bare minus", "-"),
                argumentSet("a point without digits after it", "1."),
                argumentSet("a point without digits before it", ".5"),
                argumentSet("an exponent without digits", "1e"),
                argumentSet("an exponent with only a sign", "1e+"),
                argumentSet("a hexadecimal number", "0x10"),
                argumentSet("NaN", "NaN"),
                argumentSet("Infinity", "-Infinity"),
                argumentSet("a comma after the last item", "[1,]"),
                argumentSet("a comma after the last member", "{\"a\":1,}"),
                argumentSet("a missing colon", "{\"a\" 1}"),
                argumentSet("a key without a value", "{\"a\"}"),
                argumentSet("a key that is not a string", "{1:2}"),
                argumentSet("a single-quoted string", "'a'"),
                argumentSet("an unterminated string", "\"abc"),
                argumentSet("an unterminated array", "[1,2"),
                argumentSet("an unterminated object", "{\"a\":1"),
                argumentSet("a closing bracket alone", "]"),
                argumentSet("mismatched brackets", "[}"),
                argumentSet("a raw control character in a string", "\"a\u0001b\""),
                argumentSet("a raw line feed in a string", "\"a\nb\""),
                argumentSet("an unknown escape", "\"\\x41\""),
                argumentSet("a short unicode escape", "\"\\u12\""),
                argumentSet("a unicode escape with a non-hex digit", "\"\\u12g4\""),
                argumentSet("a misspelled literal", "tru"),
                argumentSet("a literal in capitals", "NULL"),
                argumentSet("a comment", "{} // done"),
                argumentSet("a NUL outside a string", "{}\u0000"),
                argumentSet("a byte-order mark before the value", "\uFEFF{}"));
    }

    @ParameterizedTest
    @MethodSource
    void malformed(String body) {
        assertRefused(() -> JsonBody.parse(body), "malformed JSON: ");
    }

    static Stream<Arguments> topLevelScalars() {
        return Stream.of(
                argumentSet("a number", " 42 ", "42"),
                argumentSet("a string", "\"s\"", "\"s\""),
                argumentSet("true", "true", "true"),
                argumentSet("false", "false", "false"),
                argumentSet("null", "\r\nnull\t", "null"));
    }

    @ParameterizedTest
    @MethodSource
    void topLevelScalars(String body, String text) {
        assertThat(JsonBody.parse(body)).asString().isEqualTo(text);
    }

    @Test
    void valuesKeepTheirOrderAndTypes() {
        JsonValue value = JsonBody.parse(" { \"b\" : [ true , false , null , \"s\" , -0.50e-0 ] , \"a\" : { } } ");

        assertThat(value).asString().isEqualTo("{\"b\":[true,false,null,\"s\",-0.50e-0],\"a\":{}}");
    }

    private static void assertRefused(ThrowingCallable parse, String message) {
        assertThatThrownBy(parse)
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }
}
