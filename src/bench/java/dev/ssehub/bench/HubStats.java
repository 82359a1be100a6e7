package dev.ssehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub's {@code /api/stats} document, read with an admin token. */
final class HubStats {

    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpRequest request;

    HubStats(int port, String token) {
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stats"))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    /** The first number named {@code name} anywhere in the document. */
    long number(String name) {
        Matcher field = NUMBER_FIELD.matcher(document());
        while (field.find()) {
            if (field.group(1).equals(name)) {
                return Long.parseLong(field.group(2));
            }
        }
        throw new IllegalStateException("no " + name + " in the stats");
    }

    String document() {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
