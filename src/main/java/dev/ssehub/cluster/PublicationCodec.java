package dev.ssehub.cluster;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.hub.Publication;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** A publication as the shared history stores it: a small JSON object every node reads back the same. */
final class PublicationCodec {

    private PublicationCodec() {
    }

    static String encode(Publication publication) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("topics", array(publication.topics()))
                .add("data", publication.data());
        if (publication.event() != null) {
            json.add("event", publication.event());
        }
        if (publication.retry() != null) {
            json.add("retry", publication.retry());
        }
        if (publication.privateEvent()) {
            json.add("private", true);
        }
        if (!publication.users().isEmpty()) {
            json.add("users", array(publication.users()));
        }
        return json.build().toString();
    }

    static String topics(Publication publication) {
        return array(publication.topics()).build().toString();
    }

    static Publication decode(String text) {
        JsonObject json;
        try (var reader = JSON.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        JsonNumber retry = json.getJsonNumber("retry");
        return new Publication(strings(json, "topics"), json.getString("event", null), json.getString("data"),
                retry == null ? null : retry.longValueExact(), json.getBoolean("private", false),
                new LinkedHashSet<>(strings(json, "users")));
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static List<String> strings(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null) {
            return List.of();
        }
        return value.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
