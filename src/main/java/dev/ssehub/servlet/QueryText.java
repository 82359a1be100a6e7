package dev.ssehub.servlet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Whether a raw query string means text: its {@code %}-escapes, once decoded, must be UTF-8. */
final class QueryText {

    private QueryText() {
    }

    /** @param query a raw query with well-formed escapes (checked before) */
    static boolean decodesAsUtf8(String query) {
        if (query.indexOf('%') < 0) {
            return true; // what the container decoded itself is text already
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length() * 3);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' && i + 2 < query.length()) {
                bytes.put((byte) Integer.parseInt(query, i + 1, i + 3, 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException notText) {
            return false;
        }
    }
}
