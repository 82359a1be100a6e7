package dev.ssehub.publish;

import dev.ssehub.api.ApiException;
import dev.ssehub.hub.Publication;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one publication from a JSON object or from form fields. Every field's type and value is
 * checked here, and a refusal names the field.
 */
final class PublishRequest {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final String RETRY_RULE = "retry must be a non-negative whole number of milliseconds";
    private static final Set<String> FIELDS = Set.of("topic", "topics", "event", "data", "retry", "private", "users");

    private PublishRequest() {
    }

    static Publication fromJson(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(where + " must be a JSON object");
        }
        JsonObject object = value.asJsonObject();
        for (String field : object.keySet()) {
            checkKnown(field);
        }
        if (object.containsKey("topic") && object.containsKey("topics")) {
            throw ApiException.badRequest("give either topic or topics, not both");
        }
        List<String> topics = object.containsKey("topic")
                ? List.of(string(object.get("topic"), "topic"))
                : strings(object.get("topics"), "topics");
        return build(topics, optionalString(object.get("event"), "event"), data(object.get("data")),
                retry(object.get("retry")), bool(object.get("private"), "private"),
                new LinkedHashSet<>(strings(object.get("users"), "users")));
    }

    static Publication fromForm(Map<String, List<String>> form) {
        for (String field : form.keySet()) {
            checkKnown(field);
        }
        if (form.containsKey("topics")) {
            throw ApiException.badRequest("in a form, repeat the field topic instead of sending topics");
        }
        String retry = single(form, "retry");
        Long retryMillis = null;
        if (retry != null) {
            if (!WHOLE_NUMBER.matcher(retry).matches()) {
                throw ApiException.badRequest(RETRY_RULE);
            }
            retryMillis = Long.parseLong(retry);
        }
        String privateField = single(form, "private");
        if (privateField != null && !privateField.equals("true") && !privateField.equals("false")) {
            throw ApiException.badRequest("private must be true or false");
        }
        String data = single(form, "data");
        return build(form.getOrDefault("topic", List.of()), single(form, "event"), data == null ? "" : data,
                retryMillis, "true".equals(privateField), new LinkedHashSet<>(form.getOrDefault("users", List.of())));
    }

    private static Publication build(List<String> topics, String event, String data, Long retry, boolean isPrivate,
            Set<String> users) {
        try {
            return new Publication(topics, event, data, retry, isPrivate, users);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
    }

    private static void checkKnown(String field) {
        if (field.equals("id")) {
            throw ApiException.badRequest("id is assigned by the hub and cannot be sent");
        }
        if (!FIELDS.contains(field)) {
            throw ApiException.badRequest("unknown field '" + field + "'; known fields are " + FIELDS);
        }
    }

    private static String data(JsonValue value) {
        if (value == null) {
            return "";
        }
        return value instanceof JsonString text ? text.getString() : value.toString();
    }

    private static String string(JsonValue value, String field) {
        if (!(value instanceof JsonString text)) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return text.getString();
    }

    private static String optionalString(JsonValue value, String field) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : string(value, field);
    }

    private static List<String> strings(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest(field + " must be an array of strings");
        }
        List<String> result = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            result.add(string(item, field + " items"));
        }
        return result;
    }

    /**
     * The number as the publisher wrote it, read only when its text is a plain integer of at most
     * 18 digits: converting an arbitrary JSON number (say {@code 1e999999999}) to an integer could
     * take unbounded time and memory. Whether it is negative is the event's own rule.
     */
    private static Long retry(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !WHOLE_NUMBER.matcher(number.toString()).matches()) {
            throw ApiException.badRequest(RETRY_RULE);
        }
        return Long.parseLong(number.toString());
    }

    private static boolean bool(JsonValue value, String field) {
        JsonValue.ValueType type = value == null ? JsonValue.ValueType.NULL : value.getValueType();
        if (type == JsonValue.ValueType.NULL || type == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (type == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw ApiException.badRequest(field + " must be true or false");
    }

    private static String single(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(field + " may be sent only once");
        }
        return values.get(0);
    }
}
