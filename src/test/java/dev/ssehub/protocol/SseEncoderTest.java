package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SseEncoderTest {

    static Stream<Arguments> exactFrames() {
        return Stream.of(
                Arguments.of(null, SseEvent.of("hello"), "data: hello\n\n"),
                Arguments.of(null, SseEvent.of(""), "data: \n\n"),
                Arguments.of(null, SseEvent.of("a\nb"), "data: a\ndata: b\n\n"),
                Arguments.of(null, SseEvent.of("a\r\nb"), "data: a\ndata: b\n\n"),
                Arguments.of(null, SseEvent.of("a\rb"), "data: a\ndata: b\n\n"),
                Arguments.of(null, SseEvent.of("a\r\rb"), "data: a\ndata: \ndata: b\n\n"),
                Arguments.of(null, SseEvent.of("a\n"), "data: a\ndata: \n\n"),
                Arguments.of(null, SseEvent.of("\r\n"), "data: \ndata: \n\n"),
                Arguments.of(null, SseEvent.of("  two spaces"), "data:   two spaces\n\n"),
                Arguments.of(null, SseEvent.of("中文 😀"), "data: 中文 😀\n\n"),
                Arguments.of(new EventId(1, 2), new SseEvent("price", "9.5", null), "event: price\nid: 1-2\ndata: 9.5\n\n"),
                Arguments.of(null, new SseEvent(null, "x", 2500L), "retry: 2500\ndata: x\n\n"),
                Arguments.of(null, new SseEvent(" spaced", "x", null), "event:  spaced\ndata: x\n\n"));
    }

    @ParameterizedTest
    @MethodSource("exactFrames")
    void encodesTheExactBytes(EventId id, SseEvent event, String expected) {
        assertThat(new String(SseEncoder.encode(id, event), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void writesNoIdLineWhenThereIsNoId() {
        assertThat(new String(SseEncoder.encode(null, SseEvent.of("x")), StandardCharsets.UTF_8)).doesNotContain("id:");
    }

    @Test
    void encodesCommentsOnePerLine() {
        assertThat(new String(SseEncoder.comment("a\nb"), StandardCharsets.UTF_8)).isEqualTo(": a\n: b\n");
        assertThat(new String(SseEncoder.comment(""), StandardCharsets.UTF_8)).isEqualTo(":\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\0b", "\n"})
    void refusesLineBreaksAndNulInTheEventType(String bad) {
        assertThatThrownBy(() -> new SseEvent(bad, "x", null)).hasMessageContaining("event");
        assertThatThrownBy(() -> SseEncoder.signal(bad, "x")).hasMessageContaining("event");
    }

    @Test
    void refusesNegativeRetry() {
        assertThatThrownBy(() -> new SseEvent(null, "x", -1L)).hasMessageContaining("retry");
    }

    @Test
    void aConformingParserGetsBackTheDataOfAnyInputWithLineBreaksAsLf() {
        Random random = new Random(20261124);
        String alphabet = "ab \r\n\t:\0é中😀";
        for (int round = 0; round < 5_000; round++) {
            String data = randomText(random, alphabet, random.nextInt(40));
            String type = random.nextBoolean() ? null : "t" + randomText(random, "xyz :é", random.nextInt(5));
            SseEvent event = new SseEvent(type, data, null);

            byte[] frame = SseEncoder.encode(new EventId(round, round), event);
            List<Event> parsed = EventStreamParser.parseAll(frame);

            assertThat((long) frame.length).isLessThanOrEqualTo(SseEncoder.maxEncodedLength(event));

            assertThat(parsed).as("data %s", data.replace("\r", "\\r").replace("\n", "\\n"))
                    .containsExactly(new Event(type == null ? "message" : type,
                            data.replace("\r\n", "\n").replace('\r', '\n'), round + "-" + round));
        }
    }

    @Test
    void aParserFedInChunksOfAnySizeSeesTheSameEvents() {
        byte[] stream = SseEncoder.concat(SseEncoder.retry(1000), SseEncoder.comment("ok"), new byte[] {'\n'},
                SseEncoder.encode(new EventId(1, 1), new SseEvent("a", "x\r\ny", null)),
                SseEncoder.encode(new EventId(1, 2), new SseEvent(null, "😀".repeat(50), null)));
        List<Event> whole = EventStreamParser.parseAll(stream);
        for (int chunk = 1; chunk <= 17; chunk++) {
            List<Event> pieces = new ArrayList<>();
            EventStreamParser parser = new EventStreamParser(pieces::add);
            for (int offset = 0; offset < stream.length; offset += chunk) {
                parser.feed(stream, offset, Math.min(chunk, stream.length - offset));
            }
            assertThat(pieces).as("chunks of %d", chunk).isEqualTo(whole).hasSize(2);
            assertThat(parser.retry()).isEqualTo(1000L);
        }
    }

    @Test
    void boundsTheEncodedSizeOfTheWorstCaseData() {
        SseEvent lineBreaks = new SseEvent("type", "\n".repeat(1000), 5L);
        SseEvent wide = SseEvent.of("中😀".repeat(300));

        for (SseEvent event : List.of(lineBreaks, wide)) {
            assertThat((long) SseEncoder.encode(new EventId(Long.MAX_VALUE, Long.MAX_VALUE), event).length)
                    .isLessThanOrEqualTo(SseEncoder.maxEncodedLength(event));
        }
    }

    @Test
    void encodesTheHubsOwnSignalsWithoutAnId() {
        assertThat(new String(SseEncoder.signal("gap", "{}"), StandardCharsets.UTF_8)).isEqualTo("event: gap\ndata: {}\n\n");
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
