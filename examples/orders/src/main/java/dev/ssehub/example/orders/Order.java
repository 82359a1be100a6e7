package dev.ssehub.example.orders;

/** A placed order: what the shop stores, and what its subscribers are told. */
public record Order(long id, String item, int quantity) {

    String toJson() {
        return "{\"id\":" + id + ",\"item\":\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"quantity\":" + quantity + "}";
    }
}
