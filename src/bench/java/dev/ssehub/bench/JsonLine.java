package dev.ssehub.bench;

import java.util.Locale;
import java.util.Map;

/** A scenario's figures as one line of JSON: strings, numbers, booleans, null, and nested figures. */
final class JsonLine {

    private JsonLine() {
    }

    static String of(Map<String, ?> figures) {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((key, value) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value(value));
        });
        return json.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return of((Map<String, ?>) nested);
        }
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
