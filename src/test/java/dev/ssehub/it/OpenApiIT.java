package dev.ssehub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI description that the hub serves, held against the hub itself: for every operation
 * it lists, valid requests and refused ones get a status that the document lists for that
 * operation, each JSON body fits the schema the document gives for that status, and each error
 * code is in the document's enum for it.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final String APP = "https://app.example";
    private static final String EVIL = "https://evil.example";
    private static final int MAX_BYTES = 8192;
    private static final String ADMIN = Deployments.TOKENS.subject("oa-admin").admin().sign();
    private static final String PUBLISHER = Deployments.TOKENS.subject("oa-publisher").publish("*").sign();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = Deployments.baseSettings();
        settings.put("ssehub.cors.origins", APP);
        settings.put("ssehub.publish.max-bytes", String.valueOf(MAX_BYTES));
        settings.put("ssehub.client.buffer.bytes", String.valueOf(MAX_BYTES));
        settings.put("ssehub.publish.max-batch", "3");
        settings.put("ssehub.stream.max-topics", "3");
        settings.put("ssehub.connections.per-subject", "2");
        settings.put("ssehub.publish.rate-per-subject", "20");
        return Deployments.hub("openapi", settings);
    }

    /** One answer, from a plain request or a stream. */
    private record Answer(int status, HttpHeaders headers, String body) {
        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers(), response.body());
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** A request for a documented operation, and the status it must get. */
    private record Case(String operation, String what, int status, String code, Supplier<Answer> send) {
    }

    @Test
    void servesItselfToAnyoneAsJsonWithAServerThatNamesTheHubsRoot() {
        HttpResponse<String> anonymous = hub().get("api/openapi.json", null);
        HttpResponse<String> withABadToken = hub().get("api/openapi.json", "not-a-token");

        for (HttpResponse<String> response : List.of(anonymous, withABadToken)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        }
        JsonObject document = HubHttp.json(anonymous.body()).asJsonObject();
        assertThat(document.getString("openapi")).startsWith("3.1.");
        URI where = hub().uri("api/openapi.json");
        URI server = where.resolve(document.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertThat(server.toString().replaceAll("/$", "") + "/api/openapi.json").isEqualTo(where.toString());
    }

    @Test
    void everyAnswerToADocumentedOperationIsOneItListsForThatOperation() {
        JsonObject document = document();
        List<SseClient> held = new ArrayList<>();
        try {
            List<Case> cases = new ArrayList<>();
            cases.addAll(streamCases(held));
            cases.addAll(publishCases());
            cases.addAll(operationsCases());
            cases.addAll(preflightCases(document));

            Set<String> covered = new TreeSet<>();
            Set<String> succeeded = new TreeSet<>();
            for (Case c : cases) {
                Answer answer = c.send().get();
                String label = c.operation() + ", " + c.what() + ": " + answer.status() + " " + answer.body();
                assertThat(answer.status()).as(label).isEqualTo(c.status());
                assertListed(document, c.operation(), answer, label);
                if (c.code() != null) {
                    assertThat(HubHttp.json(answer.body()).asJsonObject().getString("error")).as(label).isEqualTo(c.code());
                }
                covered.add(c.operation());
                if (answer.status() < 300) {
                    succeeded.add(c.operation());
                }
            }
            assertThat(covered).as("operations with cases").isEqualTo(operations(document).keySet());
            assertThat(succeeded).as("operations with an accepted case").isEqualTo(operations(document).keySet());
        } finally {
            held.forEach(SseClient::close);
        }
    }

    @Test
    void aPublisherOverItsRateGetsTheDocumented429() {
        JsonObject document = document();
        String hasty = Deployments.TOKENS.subject("oa-hasty").publish("*").sign();
        Answer answer = null;
        for (int i = 0; i < 1000 && (answer == null || answer.status() != 429); i++) {
            answer = Answer.of(hub().publishJson(hasty, "{\"topic\":\"oa-rate\",\"data\":" + i + "}"));
            assertListed(document, "POST /api/events", answer, "publish " + i + ": " + answer.body());
        }
        assertThat(answer.status()).isEqualTo(429);
        assertThat(HubHttp.json(answer.body()).asJsonObject().getString("error")).isEqualTo("publish_rate");
    }

    @Test
    void methodsAPathDoesNotListAreRefusedAsItsDescriptionSays() {
        JsonObject document = document();
        Set<String> errorCodes = errorEnum(document);
        document.getJsonObject("paths").forEach((path, value) -> {
            JsonObject item = value.asJsonObject();
            String description = item.getString("description");
            boolean jsonApi = description.contains("(`method_not_allowed`)");
            List<String> methods = new ArrayList<>(List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
            if (jsonApi) {
                methods.add("HEAD"); // on the stream, HEAD is the container's
            }
            for (String method : methods) {
                if (item.containsKey(method.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Answer answer = Answer.of(hub().request(method, path.substring(1), null, Map.of()));
                String label = method + " " + path + ": " + answer.status() + " " + answer.body();
                int expected = !jsonApi && method.equals("PATCH") ? 501 : 405;
                assertThat(answer.status()).as(label).isEqualTo(expected);
                assertThat(description).as(path + " description").contains("`" + expected + "`");
                if (jsonApi && !method.equals("HEAD")) {
                    JsonObject error = HubHttp.json(answer.body()).asJsonObject();
                    assertThat(error.getString("error")).as(label).isEqualTo("method_not_allowed").isIn(errorCodes);
                    assertThat(error.getString("message")).as(label).contains(method);
                }
            }
        });
        Answer unrouted = Answer.of(hub().request("DELETE", "api/nothing-here", null, Map.of()));
        assertThat(unrouted.status()).isEqualTo(404);
        assertThat(HubHttp.json(unrouted.body()).asJsonObject().getString("error")).isEqualTo("not_found").isIn(errorCodes);
    }

    // ---- the cases, by operation

    private List<Case> streamCases(List<SseClient> held) {
        String op = "GET /api/stream";
        String subscriber = Deployments.TOKENS.subject("oa-subscriber").subscribe("*").sign();
        String crowd = Deployments.TOKENS.subject("oa-crowd").subscribe("*").sign();
        return List.of(
                new Case(op, "two topics", 200, null, () -> stream("topic=oa-a&topic=oa-b", Map.of(), held)),
                new Case(op, "no topic", 200, null, () -> stream("", Map.of(), held)),
                new Case(op, "visible heartbeats", 200, null, () -> stream("heartbeat=event", Map.of(), held)),
                new Case(op, "resuming from an unknown id", 200, null,
                        () -> stream("topic=oa-a", Map.of("Last-Event-ID", "1-1"), held)),
                new Case(op, "resuming with the parameter", 200, null, () -> stream("lastEventId=1-1", Map.of(), held)),
                new Case(op, "a token as access_token", 200, null, () -> stream("access_token=" + subscriber, Map.of(), held)),
                new Case(op, "a token as a header", 200, null,
                        () -> stream("topic=oa-a", Map.of("Authorization", "Bearer " + subscriber), held)),
                new Case(op, "a bad topic", 400, "bad_request", () -> stream("topic=a%20b", Map.of(), held)),
                new Case(op, "an empty topic", 400, "bad_request", () -> stream("topic=", Map.of(), held)),
                new Case(op, "a long Last-Event-ID", 400, "bad_request",
                        () -> stream("", Map.of("Last-Event-ID", "1".repeat(129)), held)),
                new Case(op, "a control character in lastEventId", 400, "bad_request",
                        () -> stream("lastEventId=1%01", Map.of(), held)),
                new Case(op, "an unknown heartbeat", 400, "bad_request", () -> stream("heartbeat=loud", Map.of(), held)),
                new Case(op, "too many topics", 400, "too_many_topics",
                        () -> stream("topic=t1&topic=t2&topic=t3&topic=t4", Map.of(), held)),
                new Case(op, "a garbage access_token", 401, "unauthorized", () -> stream("access_token=garbage", Map.of(), held)),
                new Case(op, "a garbage Bearer token", 401, "unauthorized",
                        () -> stream("", Map.of("Authorization", "Bearer garbage"), held)),
                new Case(op, "an expired token", 401, "unauthorized", () -> stream("access_token="
                        + Deployments.TOKENS.subject("oa-late").expiresAt(Instant.now().minusSeconds(600)).sign(),
                        Map.of(), held)),
                new Case(op, "BASIC that no container checked", 401, "unauthorized",
                        () -> stream("", Map.of("Authorization", "Basic b2E6b2E="), held)),
                new Case(op, "a subject's first stream", 200, null, () -> stream("access_token=" + crowd, Map.of(), held)),
                new Case(op, "a subject's second stream", 200, null, () -> stream("access_token=" + crowd, Map.of(), held)),
                new Case(op, "a subject's third stream", 429, "connections_per_subject",
                        () -> stream("access_token=" + crowd, Map.of(), held)));
    }

    private List<Case> publishCases() {
        String op = "POST /api/events";
        String json = "application/json";
        String otherTopicsOnly = Deployments.TOKENS.subject("oa-limited").publish("other").sign();
        // refusals count toward the rate of their subject too: keep them apart from the valid ones
        String careless = Deployments.TOKENS.subject("oa-careless").publish("*").sign();
        return List.of(
                new Case(op, "one event", 202, null,
                        () -> publish(PUBLISHER, json, "{\"topic\":\"oa-a\",\"data\":\"x\"}", Map.of())),
                new Case(op, "every field", 202, null, () -> publish(PUBLISHER, json, "{\"topics\":[\"oa-a\",\"oa-b\"],"
                        + "\"event\":\"tick\",\"data\":{\"n\":1},\"retry\":500,\"private\":true,\"users\":[\"ann\"]}", Map.of())),
                new Case(op, "a batch", 202, null,
                        () -> publish(PUBLISHER, json, "[{\"topic\":\"oa-a\",\"data\":1},{\"topic\":\"oa-b\",\"data\":2}]",
                                Map.of())),
                new Case(op, "a form", 202, null, () -> publish(PUBLISHER, "application/x-www-form-urlencoded",
                        "topic=oa-a&topic=oa-b&event=form&data=line+one%0Aline+two&private=true&retry=10", Map.of())),
                new Case(op, "with an Idempotency-Key", 202, null,
                        () -> publish(PUBLISHER, json, "{\"topic\":\"oa-a\"}", Map.of("Idempotency-Key", "oa-key-1"))),
                new Case(op, "again with the same key", 202, null,
                        () -> publish(PUBLISHER, json, "{\"topic\":\"oa-a\"}", Map.of("Idempotency-Key", "oa-key-1"))),
                new Case(op, "from a listed origin", 202, null,
                        () -> publish(PUBLISHER, json, "{\"topic\":\"oa-a\"}", Map.of("Origin", APP))),
                new Case(op, "malformed JSON", 400, "bad_request", () -> publish(careless, json, "{\"topic\":", Map.of())),
                new Case(op, "an unknown field", 400, "bad_request",
                        () -> publish(careless, json, "{\"topic\":\"oa-a\",\"colour\":1}", Map.of())),
                new Case(op, "an id", 400, "bad_request", () -> publish(careless, json, "{\"id\":\"1-1\"}", Map.of())),
                new Case(op, "a reserved event type", 400, "bad_request",
                        () -> publish(careless, json, "{\"event\":\"heartbeat\"}", Map.of())),
                new Case(op, "topics in a form", 400, "bad_request",
                        () -> publish(careless, "application/x-www-form-urlencoded", "topics=a", Map.of())),
                new Case(op, "a long Idempotency-Key", 400, "bad_request",
                        () -> publish(careless, json, "{}", Map.of("Idempotency-Key", "k".repeat(129)))),
                new Case(op, "no token", 401, "unauthorized", () -> publish(null, json, "{}", Map.of())),
                new Case(op, "a garbage token", 401, "unauthorized", () -> publish("garbage", json, "{}", Map.of())),
                new Case(op, "a topic the token may not publish to", 403, "forbidden",
                        () -> publish(otherTopicsOnly, json, "{\"topic\":\"oa-a\"}", Map.of())),
                new Case(op, "from another origin", 403, "cross_origin_refused",
                        () -> publish(careless, json, "{\"topic\":\"oa-a\"}", Map.of("Origin", EVIL))),
                new Case(op, "a body over the limit", 413, "payload_too_large",
                        () -> publish(careless, json, "{\"data\":\"" + "x".repeat(MAX_BYTES) + "\"}", Map.of())),
                new Case(op, "a batch over the limit", 413, "batch_too_large",
                        () -> publish(careless, json, "[{},{},{},{}]", Map.of())),
                new Case(op, "an event no client could take", 413, "event_too_large",
                        () -> publish(careless, json, "{\"data\":\"" + "\\n".repeat(3000) + "\"}", Map.of())),
                new Case(op, "text/plain", 415, "unsupported_media_type", () -> publish(careless, "text/plain", "hi", Map.of())),
                new Case(op, "a Latin-1 charset", 415, "unsupported_media_type",
                        () -> publish(careless, "application/json; charset=ISO-8859-1", "{}", Map.of())),
                new Case(op, "a gzipped body", 415, "unsupported_media_type",
                        () -> publish(careless, json, "{}", Map.of("Content-Encoding", "gzip"))));
    }

    private List<Case> operationsCases() {
        String publisherOnly = Deployments.TOKENS.subject("oa-no-admin").publish("*").subscribe("*").sign();
        return List.of(
                new Case("GET /api/health", "anyone", 200, null, () -> get("api/health", null)),
                new Case("GET /api/stats", "an admin", 200, null, () -> get("api/stats", ADMIN)),
                new Case("GET /api/stats", "no token", 401, "unauthorized", () -> get("api/stats", null)),
                new Case("GET /api/stats", "a garbage token", 401, "unauthorized", () -> get("api/stats", "garbage")),
                new Case("GET /api/stats", "a publisher", 403, "forbidden", () -> get("api/stats", publisherOnly)),
                new Case("GET /metrics", "an admin", 200, null, () -> get("metrics", ADMIN)),
                new Case("GET /metrics", "no token", 401, "unauthorized", () -> get("metrics", null)),
                new Case("GET /metrics", "a garbage token", 401, "unauthorized", () -> get("metrics", "garbage")),
                new Case("GET /metrics", "a publisher", 403, "forbidden", () -> get("metrics", publisherOnly)),
                new Case("GET /api/openapi.json", "anyone", 200, null, () -> get("api/openapi.json", null)));
    }

    private List<Case> preflightCases(JsonObject document) {
        List<Case> cases = new ArrayList<>();
        for (String op : operations(document).keySet()) {
            if (!op.startsWith("OPTIONS ")) {
                continue;
            }
            String path = op.substring("OPTIONS /".length());
            boolean stream = path.equals("api/stream");
            String method = stream ? "GET" : path.equals("api/events") ? "POST" : "GET";
            cases.add(new Case(op, "a preflight from a listed origin", 204, null, () -> options(path, Map.of("Origin", APP,
                    "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization, last-event-id"))));
            cases.add(new Case(op, "a preflight from another origin", 403, null,
                    () -> options(path, Map.of("Origin", EVIL, "Access-Control-Request-Method", method))));
            cases.add(new Case(op, "a plain OPTIONS", stream ? 200 : 405, stream ? null : "method_not_allowed",
                    () -> options(path, Map.of())));
            cases.add(new Case(op, "a plain OPTIONS from another origin", 403, "cross_origin_refused",
                    () -> options(path, Map.of("Origin", EVIL))));
        }
        return cases;
    }

    private Answer stream(String query, Map<String, String> headers, List<SseClient> held) {
        SseClient client = SseClient.open(hub().uri("api/stream" + (query.isEmpty() ? "" : "?" + query)), headers);
        if (client.status() != 200) {
            client.close();
            return new Answer(client.status(), client.headers(), client.errorBody());
        }
        held.add(client);
        await().until(() -> client.retry() != null && client.comments().stream().anyMatch(c -> c.trim().equals("ok")));
        return new Answer(200, client.headers(), "");
    }

    private Answer publish(String token, String contentType, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return Answer.of(hub().request("POST", "api/events", token, all, body));
    }

    private Answer get(String path, String token) {
        return Answer.of(hub().get(path, token));
    }

    private Answer options(String path, Map<String, String> headers) {
        return Answer.of(hub().request("OPTIONS", path, null, headers));
    }

    // ---- what the document says

    private JsonObject document() {
        HttpResponse<String> response = hub().get("api/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return HubHttp.json(response.body()).asJsonObject();
    }

    /** The answer's status is listed for the operation, with its media type, headers and body schema. */
    private static void assertListed(JsonObject document, String op, Answer answer, String label) {
        JsonObject responses = operations(document).get(op).getJsonObject("responses");
        JsonValue listed = responses.get(String.valueOf(answer.status()));
        assertThat(listed).as(label + " is a status the document lists: " + responses.keySet()).isNotNull();
        JsonObject response = resolve(document, listed.asJsonObject());

        JsonObject headers = response.getJsonObject("headers");
        if (headers != null) {
            headers.forEach((name, header) -> assertHeader(document, name, resolve(document, header.asJsonObject()),
                    answer, label));
        }
        JsonObject content = response.getJsonObject("content");
        boolean hasBody = answer.body() != null && !answer.body().isEmpty() || answer.status() == 200;
        if (content == null || !hasBody || answer.contentType().isEmpty()) {
            return;
        }
        String essence = answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        String mediaType = content.keySet().stream()
                .filter(type -> type.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(essence)).findFirst()
                .orElseThrow(() -> new AssertionError(label + ": " + essence + " is not among " + content.keySet()));
        if (!essence.equals("application/json") || answer.body().isEmpty()) {
            return;
        }
        JsonValue body = HubHttp.json(answer.body());
        List<String> problems = new ArrayList<>();
        conform(document, body, content.getJsonObject(mediaType).getJsonObject("schema"), "body", problems);
        assertThat(problems).as(label).isEmpty();
        if (answer.status() >= 400) {
            JsonObject error = body.asJsonObject();
            assertThat(error.getString("error")).as(label).isIn(errorEnum(document));
            assertThat(error.getString("message")).as(label).isNotBlank();
        }
    }

    private static void assertHeader(JsonObject document, String name, JsonObject header, Answer answer, String label) {
        List<String> values = answer.headers().allValues(name);
        assertThat(values).as(label + ": header " + name).isNotEmpty();
        JsonObject schema = resolve(document, header.getJsonObject("schema"));
        if (schema.containsKey("const")) {
            assertThat(values).as(label + ": header " + name).contains(text(schema.get("const")));
        }
        if (schema.containsKey("enum")) {
            List<String> allowed = schema.getJsonArray("enum").stream().map(OpenApiIT::text).toList();
            assertThat(values.get(0)).as(label + ": header " + name).isIn(allowed);
        }
    }

    /** The parts of JSON Schema this document uses, enough to tell a body that does not fit. */
    private static void conform(JsonObject document, JsonValue value, JsonObject schema, String at, List<String> problems) {
        schema = resolve(document, schema);
        if (schema.containsKey("allOf")) {
            schema.getJsonArray("allOf").forEach(part -> conform(document, value, part.asJsonObject(), at, problems));
        }
        if (schema.containsKey("oneOf")) {
            long fitting = schema.getJsonArray("oneOf").stream().filter(option -> {
                List<String> own = new ArrayList<>();
                conform(document, value, option.asJsonObject(), at, own);
                return own.isEmpty();
            }).count();
            if (fitting != 1) {
                problems.add(at + " fits " + fitting + " of oneOf");
            }
        }
        if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(at + " is not " + schema.get("type") + ": " + value);
            return;
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            problems.add(at + " is not in " + schema.getJsonArray("enum") + ": " + value);
        }
        if (value instanceof JsonString string) {
            String s = string.getString();
            if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(s).find()) {
                problems.add(at + " does not match " + schema.getString("pattern") + ": " + s);
            }
            if (schema.containsKey("minLength") && s.codePointCount(0, s.length()) < schema.getInt("minLength")) {
                problems.add(at + " is shorter than " + schema.getInt("minLength"));
            }
        }
        if (value instanceof JsonNumber number && schema.containsKey("minimum")
                && number.bigDecimalValue().compareTo(schema.getJsonNumber("minimum").bigDecimalValue()) < 0) {
            problems.add(at + " is below " + schema.get("minimum"));
        }
        if (value instanceof JsonArray array) {
            if (schema.containsKey("minItems") && array.size() < schema.getInt("minItems")) {
                problems.add(at + " has fewer than " + schema.getInt("minItems") + " items");
            }
            if (schema.containsKey("items")) {
                for (int i = 0; i < array.size(); i++) {
                    conform(document, array.get(i), schema.getJsonObject("items"), at + "[" + i + "]", problems);
                }
            }
        }
        if (value instanceof JsonObject object) {
            JsonObject properties = schema.containsKey("properties") ? schema.getJsonObject("properties")
                    : JsonValue.EMPTY_JSON_OBJECT;
            if (schema.containsKey("required")) {
                schema.getJsonArray("required").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .filter(name -> !object.containsKey(name)).forEach(name -> problems.add(at + " lacks " + name));
            }
            JsonValue additional = schema.get("additionalProperties");
            object.forEach((name, child) -> {
                if (properties.containsKey(name)) {
                    conform(document, child, properties.getJsonObject(name), at + "." + name, problems);
                } else if (additional == JsonValue.FALSE) {
                    problems.add(at + " has " + name + ", which the schema does not allow");
                } else if (additional instanceof JsonObject extra) {
                    conform(document, child, extra, at + "." + name, problems);
                }
            });
        }
    }

    private static boolean typeMatches(JsonValue type, JsonValue value) {
        if (type instanceof JsonArray types) {
            return types.stream().anyMatch(t -> typeMatches(t, value));
        }
        return switch (((JsonString) type).getString()) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "integer" -> value instanceof JsonNumber n && n.bigDecimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "null" -> value == JsonValue.NULL;
            default -> false;
        };
    }

    /** "METHOD /path" → operation. */
    private static Map<String, JsonObject> operations(JsonObject document) {
        Map<String, JsonObject> operations = new LinkedHashMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((key, value) -> {
            if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(key)) {
                operations.put(key.toUpperCase(Locale.ROOT) + " " + path, value.asJsonObject());
            }
        }));
        return operations;
    }

    private static Set<String> errorEnum(JsonObject document) {
        JsonArray codes = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error")
                .getJsonObject("properties").getJsonObject("error").getJsonArray("enum");
        return new TreeSet<>(codes.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    private static JsonObject resolve(JsonObject document, JsonObject object) {
        JsonObject current = object;
        while (current.containsKey("$ref")) {
            JsonValue target = document;
            for (String token : current.getString("$ref").substring(2).split("/")) {
                target = target.asJsonObject().get(token.replace("~1", "/").replace("~0", "~"));
            }
            current = target.asJsonObject();
        }
        return current;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private HubHttp hub() {
        return new HubHttp(base);
    }
}
