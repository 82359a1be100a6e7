package dev.ssehub.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns events into the UTF-8 bytes of the WHATWG {@code text/event-stream} format. Pure: the
 * same event always gives the same bytes, so one encoding can be shared by every recipient.
 *
 * <pre>
 * event: price
 * id: 1732441680000-42
 * data: first line
 * data:  second line, its leading space kept
 *
 * </pre>
 *
 * <p>Data is split on CRLF, lone CR and LF, one {@code data:} line each; a client joins them
 * with LF, so it gets the text back with every line break as LF and nothing else changed.
 * Each field is written as {@code name: value}: the parser drops exactly one space after the
 * colon, so values that start with a space survive.
 */
public final class SseEncoder {

    private SseEncoder() {
    }

    public static byte[] encode(SseEvent event) {
        StringBuilder frame = new StringBuilder(event.data().length() + 64);
        if (event.event() != null) {
            frame.append("event: ").append(event.event()).append('\n');
        }
        if (event.id() != null) {
            frame.append("id: ").append(event.id()).append('\n');
        }
        if (event.retry() != null) {
            frame.append("retry: ").append(event.retry()).append('\n');
        }
        appendData(frame, event.data());
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment frame, which every client ignores: used to open a stream and as heartbeat. */
    public static byte[] comment(String text) {
        StringBuilder frame = new StringBuilder(text.length() + 4);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            frame.append(':');
            if (!line.isEmpty()) {
                frame.append(' ').append(line);
            }
            frame.append('\n');
        }
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code retry:} line on its own: sets the client's reconnection delay, dispatches nothing. */
    public static byte[] retry(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("retry must not be negative");
        }
        return ("retry: " + millis + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Several frames as one array, so that they reach the connection in one write. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static void appendData(StringBuilder frame, String data) {
        int lineStart = 0;
        int length = data.length();
        for (int i = 0; i < length; i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                frame.append("data: ").append(data, lineStart, i).append('\n');
                if (c == '\r' && i + 1 < length && data.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        frame.append("data: ").append(data, lineStart, length).append('\n');
    }
}
