package dev.ssehub.api;

import dev.ssehub.protocol.JsonProviders;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the HTTP API, the hand-written
 * resource {@code dev/ssehub/api/openapi.json}, read once. {@code OpenApiDocumentTest} and
 * {@code OpenApiIT} keep it in step with the code.
 */
public final class OpenApiResource {

    private static final String RESOURCE = "openapi.json";

    /** Read on first use; two first requests at once may both read it, to the same result. */
    private static volatile JsonObject document;

    private OpenApiResource() {
    }

    /** The description, answered as it is to anyone; a 500 while the resource cannot be read. */
    public static Reply document() {
        JsonObject read = document;
        if (read == null) {
            read = read();
            document = read;
        }
        return Reply.ok(read);
    }

    private static JsonObject read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource dev/ssehub/api/" + RESOURCE + " is missing");
            }
            try (JsonReader reader = JsonProviders.JSON.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
