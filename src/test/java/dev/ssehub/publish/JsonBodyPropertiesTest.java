package dev.ssehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.ssehub.api.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * {@link JsonBody#parse} over generated bodies: every body is read or refused with a 400 and
 * nothing else; what is read is what was written, number literals and strings included; a
 * duplicate key anywhere is refused.
 *
 * <p>Bodies are generated as a model ({@link Json}) that knows its decoded values, the text it
 * is written as (escapes, whitespace and number spellings chosen by the generator), and whether
 * the hub must refuse it. The tries add up to 12,000.
 */
@StatisticsReport(StatisticsReportMode.OFF)
class JsonBodyPropertiesTest {

    private static final String JSON_CHARACTERS = "{}[]\":,.-+eE0123456789 \t\n\rtruefalsn\\u/";

    // ---- properties --------------------------------------------------------------------------

    @Property(tries = 3000)
    void everyNumberTheGrammarAllowsIsKeptAsWrittenOrRefused(@ForAll("numbers") String literal,
            @ForAll("spaces") String space) {
        Outcome outcome = read(space + literal + space);
        Outcome inArray = read("[" + space + literal + space + "]");

        boolean tooLong = digitsBeforeExponent(literal) > JsonBody.MAX_DIGITS;
        BigDecimal exact = tooLong ? null : bigDecimalOrNull(literal);
        if (tooLong) {
            assertThat(outcome.refusal()).contains("cannot be carried exactly: it has more than 10000 digits");
        } else if (exact == null) {
            assertThat(outcome.refusal()).contains("cannot be carried exactly: its exponent is out of range");
        } else {
            assertThat(outcome.value()).asString().isEqualTo(literal);
            assertThat(inArray.value()).asString().isEqualTo("[" + literal + "]");
            assertConvertsLikeBigDecimal((JsonNumber) outcome.value(), exact);
        }
        assertThat(inArray.refusal()).isEqualTo(outcome.refusal());
        Statistics.label("outcome").collect(outcome.refusal() == null ? "kept" : "refused");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("kept").percentage(percent -> percent > 50);
            // about half the share seen over several runs, so that chance does not fail a run
            coverage.check("refused").percentage(percent -> percent > 2);
        });
    }

    @Property(tries = 1000)
    void everyStringIsReadExactly(@ForAll("strings") Str string) {
        JsonString read = (JsonString) read(string.text()).value();
        JsonObject asKey = (JsonObject) read("{" + string.text() + ":0}").value();

        assertThat(read.getString()).isEqualTo(string.value());
        assertThat(((JsonString) read(read.toString()).value()).getString()).isEqualTo(string.value());
        assertThat(asKey.keySet()).containsExactly(string.value());
        assertThat(((JsonObject) read(asKey.toString()).value()).keySet()).containsExactly(string.value());
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void bodiesWithoutDuplicateKeysArePublishedExactly(@ForAll("documentsWithUniqueKeys") Json document,
            @ForAll("spaces") String space) {
        Outcome outcome = read(space + document.text() + space);

        if (document.hasUncarriableNumber()) {
            assertThat(outcome.refusal()).contains("cannot be carried exactly");
            return;
        }
        JsonValue value = outcome.value();
        assertMatches(document, value);
        JsonValue reread = read(value.toString()).value();
        assertThat(sameJson(reread, value)).as("%s read again as %s", value, reread).isTrue();
        assertThat(reread).isEqualTo(value);
        assertThat(reread.toString()).isEqualTo(value.toString());
        Statistics.label("kind").collect(value.getValueType());
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void anyBodyIsReadOrRefusedAsItsModelSays(@ForAll("documents") Json document) {
        Outcome outcome = read(document.text());

        if (document.hasDuplicateKey()) {
            assertThat(outcome.refusal()).matches("(duplicate key \".*\" in the JSON body"
                    + "|a number in the JSON body cannot be carried exactly.*)");
        } else if (document.hasUncarriableNumber()) {
            assertThat(outcome.refusal()).contains("cannot be carried exactly");
        } else {
            assertMatches(document, outcome.value());
        }
        Statistics.label("duplicates").collect(document.hasDuplicateKey());
        Statistics.label("duplicates").coverage(coverage -> coverage.check(true).percentage(percent -> percent > 3));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDuplicateKeyAnywhereIsRefused(@ForAll("documentsWithADuplicateKey") Json document) {
        Outcome outcome = read(document.text());

        assertThat(outcome.refusal()).isNotNull();
        if (!document.hasUncarriableNumber()) {
            assertThat(outcome.refusal()).startsWith("duplicate key \"").endsWith("\" in the JSON body");
        }
    }

    @Property(tries = 500)
    void nestingIsRefusedExactlyBeyond64Levels(@ForAll @IntRange(min = 1, max = 100) int depth,
            @ForAll long objectsOrArrays) {
        String body = nested(depth, objectsOrArrays);
        Outcome outcome = read(body);

        if (depth > JsonBody.MAX_DEPTH) {
            assertThat(outcome.refusal()).isEqualTo("JSON nested deeper than 64 levels");
        } else {
            assertThat(outcome.value()).isNotNull();
        }
        Statistics.label("refused").collect(depth > JsonBody.MAX_DEPTH);
        Statistics.label("refused").coverage(coverage -> {
            coverage.check(true).percentage(percent -> percent > 10);
            coverage.check(false).percentage(percent -> percent > 10);
        });
    }

    @Property(tries = 2000)
    void garbageIsReadOrRefusedWith400(@ForAll("garbage") String body) {
        assertReadOrRefused(body);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void damagedBodiesAreReadOrRefusedWith400(@ForAll("documents") Json document,
            @ForAll @Size(min = 1, max = 3) List<@From("edits") Edit> edits) {
        String body = document.text();
        for (Edit edit : edits) {
            body = edit.applyTo(body);
        }
        assertReadOrRefused(body);
    }

    // ---- checks ------------------------------------------------------------------------------

    /** The whole contract: a value, or an ApiException with 400 and a message; never anything else. */
    private static Outcome read(String body) {
        try {
            return new Outcome(JsonBody.parse(body), null);
        } catch (ApiException refused) {
            assertThat(refused.status()).as("status for %s", refused.getMessage()).isEqualTo(400);
            assertThat(refused.getMessage()).isNotBlank();
            return new Outcome(null, refused.getMessage());
        }
    }

    private static void assertReadOrRefused(String body) {
        Outcome outcome = read(body);
        if (outcome.accepted()) {
            JsonValue reread = read(outcome.value().toString()).value();
            assertThat(sameJson(reread, outcome.value())).as("%s read again as %s", outcome.value(), reread).isTrue();
        } else {
            assertThat(outcome.refusal()).matches("(malformed JSON: |duplicate key |JSON nested deeper|a number in).*");
        }
    }

    private static void assertMatches(Json model, JsonValue value) {
        assertThat(model.matches(value)).as("%s read as %s", model.text(), value).isTrue();
    }

    /**
     * Numbers compare by their literal, the text that is published; equal literals are equal
     * numbers, and unlike a BigDecimal comparison this is safe for any exponent.
     */
    private static boolean sameJson(JsonValue a, JsonValue b) {
        if (a.getValueType() != b.getValueType()) {
            return false;
        }
        return switch (a.getValueType()) {
            case OBJECT -> sameObject(a.asJsonObject(), b.asJsonObject());
            case ARRAY -> sameArray(a.asJsonArray(), b.asJsonArray());
            case STRING -> ((JsonString) a).getString().equals(((JsonString) b).getString());
            case NUMBER -> a.toString().equals(b.toString());
            case TRUE, FALSE, NULL -> true;
        };
    }

    private static boolean sameObject(JsonObject a, JsonObject b) {
        if (!List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) {
            return false;
        }
        return a.keySet().stream().allMatch(key -> sameJson(a.get(key), b.get(key)));
    }

    private static boolean sameArray(JsonArray a, JsonArray b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameJson(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where BigDecimal's own conversions are quick, the number's must give the same answers. */
    private static void assertConvertsLikeBigDecimal(JsonNumber number, BigDecimal exact) {
        assertThat(number.bigDecimalValue()).isEqualTo(exact);
        assertThat(number.isIntegral()).isEqualTo(exact.scale() == 0);
        assertThat(number.hashCode()).isEqualTo(exact.hashCode());
        if (Math.abs(exact.scale()) > 1000) {
            assertAnswersOrThrowsArithmetic(number);
            return;
        }
        assertThat(number.intValue()).isEqualTo(exact.intValue());
        assertThat(number.longValue()).isEqualTo(exact.longValue());
        assertThat(number.doubleValue()).isEqualTo(exact.doubleValue());
        assertThat(number.bigIntegerValue()).isEqualTo(exact.toBigInteger());
        assertSameOrBothThrow(number, exact, JsonNumber::intValueExact, BigDecimal::intValueExact);
        assertSameOrBothThrow(number, exact, JsonNumber::longValueExact, BigDecimal::longValueExact);
        assertSameOrBothThrow(number, exact, JsonNumber::bigIntegerValueExact, BigDecimal::toBigIntegerExact);
    }

    private static void assertAnswersOrThrowsArithmetic(JsonNumber number) {
        List<Function<JsonNumber, Object>> methods = List.of(JsonNumber::intValue, JsonNumber::longValue,
                JsonNumber::doubleValue, JsonNumber::bigIntegerValue, JsonNumber::intValueExact,
                JsonNumber::longValueExact, JsonNumber::bigIntegerValueExact);
        for (Function<JsonNumber, Object> method : methods) {
            try {
                method.apply(number);
            } catch (ArithmeticException tooLargeOrFractional) {
                // allowed: the conversion has no answer that fits
            }
        }
    }

    private static <T> void assertSameOrBothThrow(JsonNumber number, BigDecimal exact, Function<JsonNumber, T> ours,
            Function<BigDecimal, T> bigDecimals) {
        T expected;
        try {
            expected = bigDecimals.apply(exact);
        } catch (ArithmeticException noAnswer) {
            assertThatCode(() -> ours.apply(number)).isInstanceOf(ArithmeticException.class);
            return;
        }
        assertThat(ours.apply(number)).isEqualTo(expected);
    }

    private static int digitsBeforeExponent(String literal) {
        int digits = 0;
        for (char c : literal.toCharArray()) {
            if (c == 'e' || c == 'E') {
                break;
            }
            digits += Character.isDigit(c) ? 1 : 0;
        }
        return digits;
    }

    /** The oracle for which literals a BigDecimal can hold; only called on at most 10,000 digits. */
    private static BigDecimal bigDecimalOrNull(String literal) {
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    private static String nested(int depth, long objectsOrArrays) {
        StringBuilder body = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            body.append(isObject(objectsOrArrays, level) ? "{\"k\":" : "[");
        }
        body.append('0');
        for (int level = depth - 1; level >= 0; level--) {
            body.append(isObject(objectsOrArrays, level) ? '}' : ']');
        }
        return body.toString();
    }

    private static boolean isObject(long objectsOrArrays, int level) {
        return (objectsOrArrays >>> (level % Long.SIZE) & 1) == 1;
    }

    /** Exactly one of a value and a refusal; asking for the value of a refusal fails the property. */
    record Outcome(JsonValue value, String refusal) {

        boolean accepted() {
            return value != null;
        }

        @Override
        public JsonValue value() {
            if (value == null) {
                fail("refused: " + refusal);
            }
            return value;
        }
    }

    // ---- the model ---------------------------------------------------------------------------

    /** A JSON value as generated: its text, and what reading it must give. */
    sealed interface Json permits Obj, Arr, Str, Num, Literal {

        String text();

        boolean matches(JsonValue value);

        default boolean hasDuplicateKey() {
            return false;
        }

        default boolean hasUncarriableNumber() {
            return false;
        }
    }

    record Member(Str key, Json value) {
    }

    /** @param space written around every bracket, comma and colon of this object */
    record Obj(List<Member> members, String space) implements Json {

        @Override
        public String text() {
            return members.stream()
                    .map(member -> space + member.key().text() + space + ":" + space + member.value().text() + space)
                    .collect(Collectors.joining(",", "{" + space, "}"));
        }

        @Override
        public boolean matches(JsonValue value) {
            if (!(value instanceof JsonObject object) || !keys().equals(List.copyOf(object.keySet()))) {
                return false;
            }
            return members.stream().allMatch(member -> member.value().matches(object.get(member.key().value())));
        }

        @Override
        public boolean hasDuplicateKey() {
            return new HashSet<>(keys()).size() < members.size()
                    || members.stream().anyMatch(member -> member.value().hasDuplicateKey());
        }

        @Override
        public boolean hasUncarriableNumber() {
            return members.stream().anyMatch(member -> member.value().hasUncarriableNumber());
        }

        List<String> keys() {
            return members.stream().map(member -> member.key().value()).toList();
        }

        Obj withoutDuplicateKeys() {
            Set<String> seen = new HashSet<>();
            return new Obj(members.stream().filter(member -> seen.add(member.key().value())).toList(), space);
        }
    }

    record Arr(List<Json> items, String space) implements Json {

        @Override
        public String text() {
            return items.stream().map(item -> space + item.text() + space)
                    .collect(Collectors.joining(",", "[" + space, "]"));
        }

        @Override
        public boolean matches(JsonValue value) {
            if (!(value instanceof JsonArray array) || array.size() != items.size()) {
                return false;
            }
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).matches(array.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean hasDuplicateKey() {
            return items.stream().anyMatch(Json::hasDuplicateKey);
        }

        @Override
        public boolean hasUncarriableNumber() {
            return items.stream().anyMatch(Json::hasUncarriableNumber);
        }
    }

    /** @param value the string as read; @param text how it is written, quotes and escapes included */
    record Str(String value, String text) implements Json {

        @Override
        public boolean matches(JsonValue read) {
            return read instanceof JsonString string && string.getString().equals(value);
        }

        /** Writes each code point the way its spelling says, or the nearest way the grammar allows. */
        static Str of(List<Integer> codePoints, List<Spelling> spellings) {
            StringBuilder value = new StringBuilder();
            StringBuilder text = new StringBuilder("\"");
            for (int i = 0; i < codePoints.size(); i++) {
                int codePoint = codePoints.get(i);
                value.appendCodePoint(codePoint);
                spellings.get(i % spellings.size()).write(codePoint, text);
            }
            return new Str(value.toString(), text.append('"').toString());
        }

        /** The same string written again, with other spellings: a duplicate key in disguise. */
        Str respelled(List<Spelling> spellings) {
            return of(value.codePoints().boxed().toList(), spellings);
        }
    }

    record Num(String literal) implements Json {

        @Override
        public String text() {
            return literal;
        }

        @Override
        public boolean matches(JsonValue value) {
            return value instanceof JsonNumber && value.toString().equals(literal);
        }

        @Override
        public boolean hasUncarriableNumber() {
            return digitsBeforeExponent(literal) > JsonBody.MAX_DIGITS || bigDecimalOrNull(literal) == null;
        }
    }

    record Literal(String text) implements Json {

        @Override
        public boolean matches(JsonValue value) {
            return value.toString().equals(text);
        }
    }

    enum Spelling {
        AS_IT_IS, SHORT_ESCAPE, LOWER_HEX, UPPER_HEX;

        private static final Map<Integer, Character> SHORT_ESCAPES = Map.of((int) '"', '"', (int) '\\', '\\',
                (int) '/', '/', (int) '\b', 'b', (int) '\f', 'f', (int) '\n', 'n', (int) '\r', 'r', (int) '\t', 't');

        void write(int codePoint, StringBuilder text) {
            boolean mayStandAsItIs = codePoint >= 0x20 && codePoint != '"' && codePoint != '\\';
            if (this == AS_IT_IS && mayStandAsItIs) {
                text.appendCodePoint(codePoint);
            } else if ((this == SHORT_ESCAPE || this == AS_IT_IS) && SHORT_ESCAPES.containsKey(codePoint)) {
                text.append('\\').append(SHORT_ESCAPES.get(codePoint));
            } else {
                for (char unit : Character.toChars(codePoint)) {
                    String hex = String.format("%04x", (int) unit);
                    text.append("\\u").append(this == UPPER_HEX ? hex.toUpperCase() : hex);
                }
            }
        }
    }

    /** One change to a body's text, at a position given as a fraction of its length. */
    record Edit(Kind kind, double where, char character) {

        enum Kind { DELETE, INSERT, REPLACE, TRUNCATE, REPEAT_PART }

        String applyTo(String body) {
            int at = (int) (where * body.length());
            int next = Math.min(body.length(), at + 1);
            return switch (kind) {
                case DELETE -> body.substring(0, at) + body.substring(next);
                case INSERT -> body.substring(0, at) + character + body.substring(at);
                case REPLACE -> body.substring(0, at) + character + body.substring(next);
                case TRUNCATE -> body.substring(0, at);
                case REPEAT_PART -> body.substring(0, at) + body.substring(at / 2, at) + body.substring(at);
            };
        }
    }

    // ---- generators --------------------------------------------------------------------------

    /** Any literal the grammar allows, weighted towards the edges: long digit runs, exponents near and past int. */
    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> ordinary = Combinators.combine(Arbitraries.of("", "-"), integerParts(), fractions(), exponents())
                .as((sign, integer, fraction, exponent) -> sign + integer + fraction + exponent);
        return Arbitraries.frequencyOf(Tuple.of(30, ordinary), Tuple.of(1, aboutTenThousandDigits()));
    }

    /** Numbers as most bodies hold them; they are always carried. */
    private Arbitrary<String> ordinaryNumbers() {
        return Combinators.combine(Arbitraries.of("", "-"), digits(1, 20).map(JsonBodyPropertiesTest::noLeadingZero),
                        Arbitraries.of("", ".5", ".25", ".000", "e3", "E-7", "e+400", ".1e-400"))
                .as((sign, integer, rest) -> sign + integer + rest);
    }

    private Arbitrary<String> integerParts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("0")),
                Tuple.of(8, digits(1, 25).map(JsonBodyPropertiesTest::noLeadingZero)),
                Tuple.of(1, digits(26, 500).map(JsonBodyPropertiesTest::noLeadingZero)));
    }

    private Arbitrary<String> fractions() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("")),
                Tuple.of(4, digits(1, 25).map(digits -> "." + digits)),
                Tuple.of(1, digits(26, 500).map(digits -> "." + digits)));
    }

    private Arbitrary<String> exponents() {
        Arbitrary<String> magnitude = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 450).map(String::valueOf)),
                Tuple.of(3, Arbitraries.longs().between(Integer.MAX_VALUE - 600L, Integer.MAX_VALUE + 600L)
                        .map(String::valueOf)),
                Tuple.of(1, digits(11, 40)));
        Arbitrary<String> leadingZeros = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("")), Tuple.of(1, Arbitraries.strings().withChars('0').ofMaxLength(30)));
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                leadingZeros, magnitude).as((e, sign, zeros, digits) -> e + sign + zeros + digits);
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")), Tuple.of(6, exponent));
    }

    /** Right at the digit limit, with the point anywhere. */
    private Arbitrary<String> aboutTenThousandDigits() {
        return Combinators.combine(Arbitraries.integers().between(JsonBody.MAX_DIGITS - 2, JsonBody.MAX_DIGITS + 2),
                        Arbitraries.doubles().between(0, 1), Arbitraries.of("", "e-5", "E+3"))
                .as((count, split, exponent) -> {
                    String digits = "3".repeat(count);
                    int point = 1 + (int) (split * (count - 1));
                    return point >= count ? digits + exponent
                            : digits.substring(0, point) + "." + digits.substring(point) + exponent;
                });
    }

    private static Arbitrary<String> digits(int min, int max) {
        if (max <= 40) {
            return Arbitraries.strings().numeric().ofMinLength(min).ofMaxLength(max);
        }
        // a long run repeats a random pattern: jqwik spends a shrinkable on every character of a
        // generated string, which made long digit runs the bulk of this class's running time
        return Combinators.combine(Arbitraries.integers().between(min, max), digits(10, 10))
                .as((length, pattern) -> pattern.repeat(length / 10 + 1).substring(0, length));
    }

    private static String noLeadingZero(String digits) {
        return digits.charAt(0) == '0' ? "1" + digits.substring(1) : digits;
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", " ", "\t", "\n", "\r", "\r\n", " \t\n\r ");
    }

    @Provide
    Arbitrary<Str> strings() {
        return Combinators.combine(codePoints().list().ofMaxSize(12), Arbitraries.of(Spelling.class).list().ofMinSize(1)
                .ofMaxSize(4)).as(Str::of);
    }

    private Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(2, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(2, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7F, 0x85, 0x2028, 0xFEFF, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(Character.MIN_SURROGATE, Character.MAX_SURROGATE)),
                Tuple.of(2, Arbitraries.integers().between(Character.MIN_SUPPLEMENTARY_CODE_POINT,
                        Character.MAX_CODE_POINT)));
    }

    /** Few key names, so that objects often repeat one, sometimes spelled another way. */
    private Arbitrary<Str> keys() {
        Arbitrary<Str> common = Combinators.combine(Arbitraries.of("topic", "data", "a", "b", "", "é"),
                Arbitraries.of(Spelling.class).list().ofMinSize(1).ofMaxSize(3))
                .as((name, spellings) -> Str.of(name.codePoints().boxed().toList(), spellings));
        return Arbitraries.frequencyOf(Tuple.of(3, common), Tuple.of(1, strings()));
    }

    @Provide
    Arbitrary<Json> documents() {
        return documents(false);
    }

    @Provide
    Arbitrary<Json> documentsWithUniqueKeys() {
        return documents(true);
    }

    /**
     * Built level by level rather than with Arbitraries.recursive, whose random depth makes
     * jqwik build new generators on every try.
     */
    private Arbitrary<Json> documents(boolean uniqueKeys) {
        return documents(uniqueKeys, 3);
    }

    private Arbitrary<Json> documents(boolean uniqueKeys, int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Json> inner = documents(uniqueKeys, depth - 1);
        return Arbitraries.frequencyOf(Tuple.of(2, scalars()), Tuple.of(1, arrays(inner)),
                Tuple.of(1, objects(inner, uniqueKeys)));
    }

    private Arbitrary<Json> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, strings()),
                Tuple.of(3, ordinaryNumbers().map(Num::new)),
                Tuple.of(1, numbers().map(Num::new)),
                Tuple.of(2, Arbitraries.of("true", "false", "null").map(Literal::new)));
    }

    private Arbitrary<Json> arrays(Arbitrary<Json> items) {
        return Combinators.combine(items.list().ofMaxSize(4), spaces()).as(Arr::new);
    }

    private Arbitrary<Json> objects(Arbitrary<Json> values, boolean uniqueKeys) {
        return objectsOf(values, 0, uniqueKeys).map(Json.class::cast);
    }

    private Arbitrary<Obj> objectsOf(Arbitrary<Json> values, int minMembers, boolean uniqueKeys) {
        Arbitrary<Member> member = Combinators.combine(keys(), values).as(Member::new);
        return Combinators.combine(member.list().ofMinSize(minMembers).ofMaxSize(4), spaces())
                .as(Obj::new)
                .map(object -> uniqueKeys ? object.withoutDuplicateKeys() : object)
                .filter(object -> object.members().size() >= minMembers);
    }

    /** A body whose only duplicate is one planted in an object, which sits at the top, in an array, or in an object. */
    @Provide
    Arbitrary<Json> documentsWithADuplicateKey() {
        Arbitrary<Obj> planted = Combinators.combine(objectsOf(documents(true, 2), 1, true),
                        Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(Spelling.class).list().ofMinSize(1).ofMaxSize(3), documents(true, 1))
                .as((object, which, where, spellings, value) -> {
                    List<Member> members = new ArrayList<>(object.members());
                    Str key = members.get(which % members.size()).key().respelled(spellings);
                    members.add(where % (members.size() + 1), new Member(key, value));
                    return new Obj(members, object.space());
                });
        Arbitrary<List<Wrapping>> wrappings = Arbitraries.of(Wrapping.class).list().ofMaxSize(5);
        return Combinators.combine(planted, wrappings, documents(true, 1), spaces())
                .as((object, around, sibling, space) -> {
                    Json document = object;
                    for (Wrapping wrapping : around) {
                        document = wrapping.around(document, sibling, space);
                    }
                    return document;
                });
    }

    enum Wrapping {
        FIRST_IN_ARRAY, LAST_IN_ARRAY, VALUE_IN_OBJECT;

        /** @param sibling a value beside it, with no duplicate keys of its own */
        Json around(Json inner, Json sibling, String space) {
            return switch (this) {
                case FIRST_IN_ARRAY -> new Arr(List.of(inner, sibling), space);
                case LAST_IN_ARRAY -> new Arr(List.of(sibling, inner), space);
                case VALUE_IN_OBJECT -> new Obj(List.of(new Member(Str.of(List.of((int) 'x'), List.of(Spelling.AS_IT_IS)),
                        inner)), space);
            };
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withChars(JSON_CHARACTERS.toCharArray()).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withChars(JSON_CHARACTERS.toCharArray()).ofMaxLength(8)
                        .map(inside -> "[".repeat(30) + inside + "]".repeat(30))));
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.of(Edit.Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(JSON_CHARACTERS.toCharArray())).as(Edit::new);
    }
}
