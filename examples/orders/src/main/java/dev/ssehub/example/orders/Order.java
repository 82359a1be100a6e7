package dev.ssehub.example.orders;

import jakarta.json.Json;

/** A placed order: what the shop stores, and what its subscribers are told. */
public record Order(long id, String item, int quantity) {

    String toJson() {
        return "{\"id\":" + id + ",\"item\":" + quote(item) + ",\"quantity\":" + quantity + "}";
    }

    /** A JSON string, escaped by the JSON-P the application already has. */
    static String quote(String text) {
        return Json.createValue(text == null ? "" : text).toString();
    }
}
