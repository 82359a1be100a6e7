package dev.ssehub.protocol;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider the hub uses. {@code Json.createObjectBuilder()} and its kin look the
 * provider up on the class path on every call, which costs more than the JSON itself on the
 * publish path; this is looked up once.
 */
public final class JsonProviders {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
