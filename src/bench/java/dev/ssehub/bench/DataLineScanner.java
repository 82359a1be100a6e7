package dev.ssehub.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads an event stream's body a byte at a time and finds in it what the benchmark measures: the
 * number that starts each {@code data:} line (the publisher's {@code System.nanoTime()}) and the
 * comment lines. One per stream; not thread-safe.
 */
final class DataLineScanner {

    /** What the scanner found. */
    interface Found {
        void event(long sentNanos);

        void comment();
    }

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final Found found;
    private int lineMatch;        // bytes of "data: " matched at the start of this line; -1: not a data line
    private boolean lineIsComment;
    private boolean inNumber;
    private long number;

    DataLineScanner(Found found) {
        this.found = found;
    }

    void feed(byte b) {
        if (b == '\n') {
            endLine();
            return;
        }
        if (lineMatch >= 0 && lineMatch < DATA.length) {
            if (lineMatch == 0 && b == ':') {
                lineIsComment = true;
                lineMatch = -1;
            } else if (b == DATA[lineMatch]) {
                lineMatch++;
                inNumber = lineMatch == DATA.length;
                number = 0;
            } else {
                lineMatch = -1;
            }
        } else if (inNumber) {
            if (b >= '0' && b <= '9') {
                number = number * 10 + (b - '0');
            } else {
                inNumber = false;
                found.event(number);
            }
        }
    }

    private void endLine() {
        if (inNumber) {
            inNumber = false;
            found.event(number);
        }
        if (lineIsComment) {
            found.comment();
        }
        lineMatch = 0;
        lineIsComment = false;
    }
}
