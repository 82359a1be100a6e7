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
 * colon, so values that start with a space survive. {@code id:} is written only when there is
 * one, because an empty one would reset the browser's last event id.
 */
public final class SseEncoder {

    private static final int DATA_PREFIX = "data: ".length() + 1;

    private SseEncoder() {
    }

    /** @param id the hub's id for the event, or {@code null} to send none */
    public static byte[] encode(EventId id, SseEvent event) {
        return frame(event.event(), id == null ? null : id.toString(), event.data(), event.retry());
    }

    /**
     * One of the hub's own signals ({@code gap}, {@code heartbeat}, ...): no id, and a name that
     * publishers may not use.
     */
    public static byte[] signal(String event, String data) {
        SseEvent.checkEventName(event);
        return frame(event, null, data, null);
    }

    /**
     * An upper bound of the bytes {@link #encode} gives for {@code event} with any id: what a
     * publish is checked against before it is accepted.
     */
    public static long maxEncodedLength(SseEvent event) {
        String data = event.data();
        long lines = 1;
        long length = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                lines++;
            } else {
                length += c < 0x80 ? 1 : 3; // a surrogate pair is 4 bytes for 2 chars
            }
        }
        long header = "id: ".length() + EventId.MAX_LENGTH + 1;
        if (event.event() != null) {
            header += "event: ".length() + 3L * event.event().length() + 1;
        }
        if (event.retry() != null) {
            header += "retry: ".length() + 20;
        }
        return header + lines * DATA_PREFIX + length + 1;
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

    private static byte[] frame(String event, String id, String data, Long retry) {
        StringBuilder frame = new StringBuilder(data.length() + 64);
        if (event != null) {
            frame.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            frame.append("retry: ").append(retry).append('\n');
        }
        appendData(frame, data);
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
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
