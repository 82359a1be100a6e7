package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any text, event name and id either reaches a WHATWG-conformant parser exactly (line breaks as
 * LF, the protocol's own normalisation) or is refused when the event is built: never an extra, a
 * missing or an altered event, however the bytes are split on the way.
 */
class SseEncoderPropertiesTest {

    @Property(tries = 10_000)
    void anyEventRoundTripsExactlyOrIsRefused(@ForAll("texts") String data, @ForAll("names") String name,
            @ForAll("ids") long[] id, @ForAll("splits") int split) {
        SseEvent event;
        EventId eventId;
        try {
            eventId = new EventId(id[0], id[1]);
            event = new SseEvent(name, data, null);
        } catch (IllegalArgumentException refused) {
            Statistics.collect("refused");
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        Statistics.collect("delivered");
        byte[] stream = SseEncoder.concat(SseEncoder.comment("ok"), SseEncoder.encode(eventId, event),
                SseEncoder.encode(null, SseEvent.of("next")));
        List<Event> parsed = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(parsed::add);
        int cut = Math.min(split, stream.length);
        parser.feed(stream, 0, cut);
        parser.feed(stream, cut, stream.length - cut);

        String expectedType = name == null ? "message" : name;
        String expectedData = data.replace("\r\n", "\n").replace('\r', '\n');
        assertThat(parsed).containsExactly(new Event(expectedType, expectedData, eventId.toString()),
                new Event("message", "next", eventId.toString()));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("\r\n:ab \0\uFEFF").ofMaxLength(30),
                Arbitraries.strings().withChars("é中😀\uD800\uDC00\uDFFF").ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.strings().alpha().numeric().withChars(" :-_é😀").ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(120),
                Arbitraries.of("message", "gap", "error", "open", "credentials-expiring", " x", "data", "id"));
    }

    @Provide
    Arbitrary<long[]> ids() {
        Arbitrary<Long> part = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 1000),
                Arbitraries.of(Long.MAX_VALUE, 0L, -1L));
        return part.array(long[].class).ofSize(2);
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers().between(0, 400);
    }
}
