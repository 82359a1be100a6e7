package dev.ssehub.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A parser of {@code text/event-stream} that follows the WHATWG "interpreting an event stream"
 * steps to the letter, fed bytes in chunks of any size. It is the tests' stand-in for a browser:
 * what it dispatches is what {@code EventSource} would.
 */
public final class EventStreamParser {

    /** A dispatched event, as a browser's {@code MessageEvent} would carry it. */
    public record Event(String type, String data, String lastEventId) {
    }

    private final Consumer<Event> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> comments = new ArrayList<>();
    private boolean firstLine = true;
    private boolean lastWasCr;
    private StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private Long retry;

    public EventStreamParser(Consumer<Event> listener) {
        this.listener = listener;
    }

    public static List<Event> parseAll(byte[] stream) {
        List<Event> events = new ArrayList<>();
        new EventStreamParser(events::add).feed(stream, 0, stream.length);
        return events;
    }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue; // the LF of a CRLF pair
            }
            lastWasCr = b == '\r';
            if (b == '\r' || b == '\n') {
                processLine(decodeLine());
            } else {
                line.write(b);
            }
        }
    }

    public String lastEventId() {
        return lastEventId;
    }

    public Long retry() {
        return retry;
    }

    public List<String> comments() {
        return comments;
    }

    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        return text;
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            comments.add(text.substring(1));
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retry = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        String text = data.charAt(data.length() - 1) == '\n' ? data.substring(0, data.length() - 1) : data.toString();
        Event event = new Event(eventType.isEmpty() ? "message" : eventType, text, lastEventId);
        data = new StringBuilder();
        eventType = "";
        listener.accept(event);
    }
}
