package dev.ssehub.publish;

import dev.ssehub.api.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/** Parses a request body as JSON, refusing malformed text and nesting deeper than 64 levels. */
final class JsonBody {

    static final int MAX_DEPTH = 64;

    private JsonBody() {
    }

    static JsonValue parse(String body) {
        try {
            checkDepth(body);
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            }
        } catch (JsonException malformed) {
            throw ApiException.badRequest("malformed JSON: " + malformed.getMessage());
        }
    }

    /** Counted on the stream, before any tree is built, so a deep body costs nothing to refuse. */
    private static void checkDepth(String body) {
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw ApiException.badRequest("JSON nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // scalars do not nest
                    }
                }
            }
        }
    }
}
