package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of tricky streams in {@code event-streams.json}, which the JavaScript client's parser
 * also passes in Chromium: the tests' own WHATWG parser, which every server-side test reads the
 * hub's output with, dispatches exactly the listed events, whole and cut at every byte.
 */
class EventStreamTableTest {

    static Stream<JsonObject> streams() throws IOException {
        try (InputStream in = EventStreamTableTest.class.getResourceAsStream("/event-streams.json");
                JsonReader reader = Json.createReader(in)) {
            return reader.readObject().getJsonArray("streams").getValuesAs(JsonObject.class).stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("streams")
    void dispatchesTheListedEventsWholeAndCutAtEveryByte(JsonObject row) {
        byte[] stream = row.getString("stream").getBytes(StandardCharsets.UTF_8);
        List<Event> expected = new ArrayList<>();
        for (JsonArray event : row.getJsonArray("events").getValuesAs(JsonArray.class)) {
            expected.add(new Event(event.getString(0), event.getString(1), event.getString(2)));
        }
        Long retry = row.isNull("retry") ? null : row.getJsonNumber("retry").longValue();

        for (int cut = 0; cut <= stream.length; cut++) {
            List<Event> events = new ArrayList<>();
            EventStreamParser parser = new EventStreamParser(events::add);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            assertThat(events).as("%s, cut at byte %d", row.getString("name"), cut).isEqualTo(expected);
            assertThat(parser.retry()).as("retry").isEqualTo(retry);
        }
        List<Event> byteByByte = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(byteByByte::add);
        for (int i = 0; i < stream.length; i++) {
            parser.feed(stream, i, 1);
        }
        assertThat(byteByByte).as("a byte at a time").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("streams")
    void theEncoderWritesTheTablesFramesWhereItCan(JsonObject row) {
        // a row that is one plain event (no retry, no comment) is exactly what the encoder gives for it
        List<JsonArray> events = row.getJsonArray("events").getValuesAs(JsonArray.class);
        String stream = row.getString("stream");
        if (events.size() != 1 || !row.isNull("retry") || !events.get(0).getString(2).isEmpty() || stream.contains(":\n")) {
            return;
        }
        String type = events.get(0).getString(0);
        String data = events.get(0).getString(1);
        byte[] encoded;
        try {
            encoded = SseEncoder.encode(null, new SseEvent(type.equals("message") ? null : type, data, null));
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(EventStreamParser.parseAll(encoded))
                .isEqualTo(List.of(new Event(type, data, "")));
    }
}
