package dev.ssehub.publish;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.api.ApiException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Parses a request body as JSON so that what is published is exactly what the publisher wrote,
 * or refuses it with a 400 that names the problem.
 *
 * <p>The tree is built here from the parser's events rather than by a {@code JsonReader}, for
 * three reasons. A reader keeps the last of duplicate keys, and a body with duplicates has no
 * one meaning, so they are refused. A reader turns every number into a {@link BigDecimal}
 * (which changes {@code -0} to {@code 0} and {@code 1e2} to {@code 1E+2}, and fails with a 500
 * on exponents beyond {@code int} or on more than 1100 characters); here a number keeps its
 * literal, so {@code toString()} of it and of every enclosing value gives the publisher's
 * digits back. And nesting is counted on the way, so a body too deep is refused as soon as its
 * 65th level opens.
 *
 * <p>A number is refused only when it could not be used safely as a {@link JsonNumber}: when
 * its exponent puts its scale outside {@code int} (no {@link BigDecimal} can hold it), or when
 * it has more than {@value #MAX_DIGITS} digits before the exponent (converting it would take
 * time that grows with the square of its length).
 */
final class JsonBody {

    static final int MAX_DEPTH = 64;

    /** Digits of a number before its exponent; at this length a BigDecimal still takes about a millisecond. */
    static final int MAX_DIGITS = 10_000;

    /** Longest piece of the publisher's text echoed in a refusal. */
    private static final int MAX_ECHOED = 32;


    private JsonBody() {
    }

    static JsonValue parse(String body) {
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            JsonValue value = readValue(parser, parser.next(), 0);
            if (parser.hasNext()) {
                // Parsson itself throws for text after the value; this holds for any other parser
                throw ApiException.badRequest("malformed JSON: text after the value");
            }
            return value;
        } catch (JsonException | NumberFormatException | ArithmeticException | IllegalStateException
                | NoSuchElementException | UnsupportedOperationException malformed) {
            // NoSuchElementException from next() at the end of the text has no message
            throw ApiException.badRequest("malformed JSON: "
                    + Objects.requireNonNullElse(malformed.getMessage(), "the body ends too early"));
        }
    }

    /** @param depth how many arrays and objects enclose this value */
    private static JsonValue readValue(JsonParser parser, JsonParser.Event event, int depth) {
        return switch (event) {
            case START_OBJECT -> readObject(parser, enter(depth));
            case START_ARRAY -> readArray(parser, enter(depth));
            case VALUE_STRING -> JSON.createValue(parser.getString());
            case VALUE_NUMBER -> LiteralNumber.of(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            case KEY_NAME, END_OBJECT, END_ARRAY -> throw new IllegalStateException("unexpected " + event);
        };
    }

    private static int enter(int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw ApiException.badRequest("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        return depth + 1;
    }

    private static JsonValue readObject(JsonParser parser, int depth) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            if (event != JsonParser.Event.KEY_NAME) {
                throw new IllegalStateException("expected a key, got " + event);
            }
            String key = parser.getString();
            if (!keys.add(key)) {
                throw ApiException.badRequest("duplicate key \"" + echo(key) + "\" in the JSON body");
            }
            object.add(key, readValue(parser, parser.next(), depth));
        }
        return object.build();
    }

    private static JsonValue readArray(JsonParser parser, int depth) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            array.add(readValue(parser, event, depth));
        }
        return array.build();
    }

    /**
     * The publisher's text made fit for a message: short, and without characters that would
     * break a log line or hide what follows (controls, line separators, lone surrogates).
     */
    static String echo(String text) {
        StringBuilder shown = new StringBuilder();
        int shownCodePoints = 0;
        for (int i = 0; i < text.length(); shownCodePoints++) {
            if (shownCodePoints == MAX_ECHOED) {
                return shown.append("…(").append(text.length()).append(" characters)").toString();
            }
            int codePoint = text.codePointAt(i);
            shown.appendCodePoint(isPrintable(codePoint) ? codePoint : '\uFFFD');
            i += Character.charCount(codePoint);
        }
        return shown.toString();
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * A JSON number that is its literal: {@code toString()} is the text the publisher wrote, and
     * the {@link BigDecimal} is built only when asked for. The conversions to whole numbers look
     * at the scale first, because BigDecimal's own would raise 10 to it: for {@code 1e-2000000000}
     * or {@code 1e600000000} that runs for minutes.
     */
    private static final class LiteralNumber implements JsonNumber {

        /** A BigInteger this long still builds in milliseconds. */
        private static final int MAX_INTEGER_DIGITS = 2 * MAX_DIGITS;

        private final String literal;
        private final int scale;
        /** Racy single check, as in Parsson's numbers: BigDecimal is immutable, so a second build is harmless. */
        private BigDecimal value;

        private LiteralNumber(String literal, int scale) {
            this.literal = literal;
            this.scale = scale;
        }

        /** @param literal a number as the JSON grammar writes it, which the parser has checked */
        static LiteralNumber of(String literal) {
            NumberShape shape = NumberShape.of(literal);
            if (shape.digits() > MAX_DIGITS) {
                throw ApiException.badRequest("a number in the JSON body cannot be carried exactly: it has more than "
                        + MAX_DIGITS + " digits: " + echo(literal));
            }
            // the same two limits as new BigDecimal(literal), checked without building it
            long scale = shape.fractionDigits() - shape.exponent();
            if (shape.exponent() != (int) shape.exponent() || scale != (int) scale) {
                throw ApiException.badRequest("a number in the JSON body cannot be carried exactly: its exponent is "
                        + "out of range: " + echo(literal));
            }
            return new LiteralNumber(literal, (int) scale);
        }

        @Override
        public ValueType getValueType() {
            return ValueType.NUMBER;
        }

        @Override
        public BigDecimal bigDecimalValue() {
            BigDecimal built = value;
            if (built == null) {
                built = new BigDecimal(literal);
                value = built;
            }
            return built;
        }

        @Override
        public Number numberValue() {
            return bigDecimalValue();
        }

        /** As JSON-P defines it, by the BigDecimal's scale: {@code 1.0} and {@code 1e2} are not integral. */
        @Override
        public boolean isIntegral() {
            return scale == 0;
        }

        @Override
        public int intValue() {
            // the low 32 bits of the integer part, as BigDecimal.intValue() gives them
            return (int) longValue();
        }

        @Override
        public int intValueExact() {
            return bigIntegerValueExact().intValueExact();
        }

        @Override
        public long longValue() {
            // a multiple of 10^64 is one of 2^64, so its low 64 bits are 0 however large it is
            return scale <= -Long.SIZE ? 0 : bigIntegerValue().longValue();
        }

        @Override
        public long longValueExact() {
            return bigIntegerValueExact().longValueExact();
        }

        /** @throws ArithmeticException if the integer part has more than {@value #MAX_INTEGER_DIGITS} digits */
        @Override
        public BigInteger bigIntegerValue() {
            long integerDigits = integerDigits();
            if (integerDigits == 0) {
                return BigInteger.ZERO;
            }
            checkFits(integerDigits);
            return bigDecimalValue().toBigInteger();
        }

        /** @throws ArithmeticException if it has a fraction, or more than {@value #MAX_INTEGER_DIGITS} digits */
        @Override
        public BigInteger bigIntegerValueExact() {
            long integerDigits = integerDigits();
            if (integerDigits == 0) {
                if (bigDecimalValue().signum() != 0) {
                    throw new ArithmeticException("Rounding necessary");
                }
                return BigInteger.ZERO;
            }
            checkFits(integerDigits);
            return bigDecimalValue().toBigIntegerExact();
        }

        @Override
        public double doubleValue() {
            return bigDecimalValue().doubleValue();
        }

        /** As JSON-P defines it, by BigDecimal.equals: {@code 1.0} and {@code 1.00} differ, {@code -0} and {@code 0} do not. */
        @Override
        public boolean equals(Object other) {
            return other instanceof JsonNumber number && bigDecimalValue().equals(number.bigDecimalValue());
        }

        @Override
        public int hashCode() {
            return bigDecimalValue().hashCode();
        }

        @Override
        public String toString() {
            return literal;
        }

        /** Digits before the decimal point once the exponent is applied; 0 when |value| < 1. */
        private long integerDigits() {
            BigDecimal exact = bigDecimalValue();
            return exact.signum() == 0 ? 0 : Math.max(0, (long) exact.precision() - scale);
        }

        private void checkFits(long integerDigits) {
            if (integerDigits > MAX_INTEGER_DIGITS) {
                throw new ArithmeticException("the integer part of " + echo(literal) + " has more than "
                        + MAX_INTEGER_DIGITS + " digits");
            }
        }
    }

    /**
     * What a number literal holds, read in one pass without building it. The parser has checked
     * the literal against the grammar; this only refuses what it could not read.
     *
     * @param digits digits before the exponent, leading zeros too: building the BigDecimal reads them all
     * @param fractionDigits digits after the decimal point
     * @param exponent the exponent, or a value just outside {@code int} range if it is larger
     */
    private record NumberShape(int digits, int fractionDigits, long exponent) {

        /** Beyond int range, yet far from overflowing a long when the fraction digits are subtracted. */
        private static final long SATURATED = 1L << 40;

        static NumberShape of(String literal) {
            int end = literal.length();
            int at = literal.startsWith("-") ? 1 : 0;
            int integerStart = at;
            at = skipDigits(literal, at);
            int integerDigits = at - integerStart;
            int fractionDigits = 0;
            if (at < end && literal.charAt(at) == '.') {
                int fractionStart = at + 1;
                at = skipDigits(literal, fractionStart);
                fractionDigits = at - fractionStart;
                if (fractionDigits == 0) {
                    throw new NumberFormatException("no digits after the decimal point of " + echo(literal));
                }
            }
            long exponent = 0;
            if (at < end && (literal.charAt(at) == 'e' || literal.charAt(at) == 'E')) {
                exponent = exponent(literal, at + 1);
                at = end;
            }
            if (integerDigits == 0 || at != end) {
                throw new NumberFormatException("not a JSON number: " + echo(literal));
            }
            return new NumberShape(integerDigits + fractionDigits, fractionDigits, exponent);
        }

        private static int skipDigits(String text, int at) {
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
            return at;
        }

        /** @param at the first character after {@code e} */
        private static long exponent(String literal, int at) {
            boolean negative = at < literal.length() && literal.charAt(at) == '-';
            if (at < literal.length() && (literal.charAt(at) == '-' || literal.charAt(at) == '+')) {
                at++;
            }
            if (at == literal.length()) {
                throw new NumberFormatException("no digits in the exponent of " + echo(literal));
            }
            long magnitude = 0;
            for (; at < literal.length(); at++) {
                char digit = literal.charAt(at);
                if (!isDigit(digit)) {
                    throw new NumberFormatException("not a JSON number: " + echo(literal));
                }
                magnitude = Math.min(SATURATED, magnitude * 10 + (digit - '0'));
            }
            return negative ? -magnitude : magnitude;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
