package dev.ssehub.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain requests to a deployed hub: publish, stats, anything else, over real HTTP. */
public final class HubHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public HubHttp(URL base) {
        URL local = loopback(base);
        this.base = URI.create(local.toString().endsWith("/") ? local.toString() : local + "/");
    }

    /**
     * The same address on 127.0.0.1: a server may name itself by an interface's address (Payara
     * Micro does), and the tests' traffic stays on loopback.
     */
    public static URL loopback(URL url) {
        try {
            return new URI(url.getProtocol(), null, "127.0.0.1", url.getPort(), url.getPath(), url.getQuery(), null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** A stream URI for these topics, with extra query text appended as it is. */
    public URI stream(List<String> topics, String extraQuery) {
        String query = topics.stream().map(t -> "topic=" + t).collect(Collectors.joining("&"));
        if (extraQuery != null && !extraQuery.isEmpty()) {
            query = query.isEmpty() ? extraQuery : query + "&" + extraQuery;
        }
        return uri("api/stream" + (query.isEmpty() ? "" : "?" + query));
    }

    public HttpResponse<String> publishJson(String token, String json) {
        return post("api/events", token, "application/json", json);
    }

    /** Publishes and returns the id the hub gave, failing unless the hub accepted it. */
    public String publishOk(String token, String json) {
        HttpResponse<String> response = publishJson(token, json);
        if (response.statusCode() != 202) {
            throw new AssertionError("publish refused: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).asJsonObject().getString("id");
    }

    public HttpResponse<String> post(String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public HttpResponse<String> get(String path, String token) {
        return request("GET", path, token, Map.of());
    }

    public HttpResponse<String> request(String method, String path, String token, Map<String, String> headers) {
        return request(method, path, token, headers, null);
    }

    /** @param body the request's body, or {@code null} for none */
    public HttpResponse<String> request(String method, String path, String token, Map<String, String> headers,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** A POST of these very bytes, with these headers and nothing added. */
    public HttpResponse<String> postBytes(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return send(request);
    }

    public JsonObject stats() {
        HttpResponse<String> response = get("api/stats", Deployments.TOKENS.subject("admin").admin().sign());
        return json(response.body()).asJsonObject();
    }

    public static JsonStructure json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
