package dev.ssehub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ssehub.hub.HubStats;
import dev.ssehub.hub.Receipt;
import dev.ssehub.protocol.SseEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi.json} in step with the code: the routes and their inputs, the bodies'
 * fields, and above all the refusals, read from the main source tree. Every error code the
 * source can give is the {@code Error} enum, exactly, and each appears under its status on the
 * routes the source that gives it answers for, and nowhere else.
 */
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/dev/ssehub/api/openapi.json");
    private static final Path SOURCES = Path.of("src/main/java/dev/ssehub");

    private static final String STREAM = "GET /api/stream";
    private static final String PUBLISH = "POST /api/events";
    private static final String HEALTH = "GET /api/health";
    private static final String STATS = "GET /api/stats";
    private static final String OPENAPI = "GET /api/openapi.json";
    private static final String METRICS = "GET /metrics";
    /** Answered by CorsFilter before any servlet, on every path under /api/. */
    private static final List<String> PREFLIGHTS = List.of("OPTIONS /api/stream", "OPTIONS /api/events",
            "OPTIONS /api/health", "OPTIONS /api/stats", "OPTIONS /api/openapi.json");
    /** Plain OPTIONS reaches ApiServlet on these, which refuses the method. */
    private static final List<String> JSON_API_OPTIONS = PREFLIGHTS.subList(1, PREFLIGHTS.size());

    /**
     * Which operations a refusal given in a source file can answer, by the file's path under
     * dev/ssehub (a folder ends with '/'). A file that refuses and is not here fails the test: say
     * which routes reach it.
     */
    private static final Map<String, List<String>> ROUTES_BY_SOURCE = Map.of(
            "servlet/StreamServlet.java", List.of(STREAM),
            "servlet/Requests.java", List.of(STREAM), // the query check; only the stream reads a query
            "limits/StreamQuotas.java", List.of(STREAM),
            "limits/PublishRate.java", List.of(PUBLISH),
            "publish/", List.of(PUBLISH),
            "auth/Authenticator.java", List.of(STREAM, PUBLISH, STATS, METRICS),
            "auth/TokenVerifier.java", List.of(STREAM, PUBLISH, STATS, METRICS),
            "auth/Caller.java", List.of(STATS, METRICS), // requireAdmin
            "servlet/CorsFilter.java", concat(List.of(PUBLISH), PREFLIGHTS));

    /** ApiServlet serves several routes, so its refusals are placed by code. */
    private static final Map<String, List<String>> API_SERVLET_ROUTES_BY_CODE = Map.of(
            "internal_error", List.of(PUBLISH, HEALTH, STATS, OPENAPI),
            "method_not_allowed", JSON_API_OPTIONS,
            "unsupported_media_type", List.of(PUBLISH), // Content-Encoding
            "payload_too_large", List.of(PUBLISH),
            "not_found", List.of()); // paths the document does not list: components/responses/NotFound

    private final JsonObject document = readJson(DOCUMENT);

    @Test
    void isOpenApi31WithEveryRouteAndMethodOfTheHub() {
        assertThat(document.getString("openapi")).startsWith("3.1.");
        assertThat(document.getJsonObject("info").getString("version")).isEqualTo(projectVersion());
        JsonArray servers = document.getJsonArray("servers");
        assertThat(servers).hasSize(1);
        String server = servers.getJsonObject(0).getString("url");
        assertThat(server).as("relative, so that it works under any context path").doesNotContain(":").doesNotStartWith("/");

        Map<String, Set<String>> methods = new TreeMap<>();
        for (String op : operations().keySet()) {
            methods.computeIfAbsent(op.split(" ")[1], p -> new TreeSet<>()).add(op.split(" ")[0]);
        }
        assertThat(methods).isEqualTo(Map.of(
                "/api/stream", Set.of("GET", "OPTIONS"),
                "/api/events", Set.of("POST", "OPTIONS"),
                "/api/health", Set.of("GET", "OPTIONS"),
                "/api/stats", Set.of("GET", "OPTIONS"),
                "/api/openapi.json", Set.of("GET", "OPTIONS"),
                "/metrics", Set.of("GET")));
        List<String> ids = operations().values().stream().map(op -> op.getString("operationId")).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(resolve(ref)).as(ref).isNotNull());
    }

    @Test
    void describesEveryInputOfTheStream() {
        JsonObject stream = operations().get(STREAM);
        Map<String, JsonObject> parameters = parameters(stream);
        assertThat(parameters.keySet()).containsExactlyInAnyOrder("query topic", "query lastEventId",
                "header Last-Event-ID", "query access_token", "query heartbeat");
        JsonObject topic = parameters.get("query topic");
        assertThat(topic.getString("style")).isEqualTo("form");
        assertThat(topic.getBoolean("explode")).isTrue();
        assertThat(topic.getJsonObject("schema").getString("type")).isEqualTo("array");
        assertThat(strings(parameters.get("query heartbeat").getJsonObject("schema").getJsonArray("enum")))
                .containsExactlyInAnyOrder("event", "comment");
        assertThat(securityAlternatives(stream)).containsExactlyInAnyOrder("anonymous", "bearerAuth", "basicAuth");

        JsonObject ok = response(stream, "200");
        assertThat(ok.getJsonObject("content").keySet()).singleElement().asString().startsWith("text/event-stream");
        assertThat(ok.getString("description")).contains("retry:", "id:", "data:", "event: gap", "event: heartbeat",
                "event: credentials-expiring");
        assertThat(ok.getJsonObject("headers").keySet()).contains("Cache-Control", "X-Accel-Buffering");
    }

    @Test
    void describesBothBodiesOfAPublishWithTheFieldsThePublishCodeReads() {
        JsonObject publish = operations().get(PUBLISH);
        assertThat(parameters(publish).keySet()).containsExactly("header Idempotency-Key");
        assertThat(securityAlternatives(publish)).containsExactlyInAnyOrder("bearerAuth", "basicAuth");
        JsonObject content = publish.getJsonObject("requestBody").getJsonObject("content");
        assertThat(content.keySet()).containsExactlyInAnyOrder("application/json", "application/x-www-form-urlencoded");

        JsonArray shapes = content.getJsonObject("application/json").getJsonObject("schema").getJsonArray("oneOf");
        assertThat(shapes.getJsonObject(0).getString("$ref")).isEqualTo("#/components/schemas/PublishRequest");
        assertThat(shapes.getJsonObject(1).getString("type")).isEqualTo("array");
        assertThat(shapes.getJsonObject(1).getJsonObject("items").getString("$ref"))
                .isEqualTo("#/components/schemas/PublishRequest");

        Set<String> fields = publishFields();
        for (String name : List.of("PublishRequest", "PublishForm")) {
            JsonObject schema = schema(name);
            assertThat(schema.getBoolean("additionalProperties")).as(name).isFalse();
            Set<String> documented = schema.getJsonObject("properties").keySet();
            if (name.equals("PublishForm")) {
                // a form repeats topic instead
                assertThat(documented).as(name).isEqualTo(without(fields, "topics"));
            } else {
                assertThat(documented).as(name).isEqualTo(fields);
            }
            JsonArray reserved = schema.getJsonObject("properties").getJsonObject("event").getJsonObject("not")
                    .getJsonArray("enum");
            assertThat(new TreeSet<>(strings(reserved))).as(name + " reserved event types")
                    .isEqualTo(new TreeSet<>(SseEvent.RESERVED_EVENTS));
        }
    }

    @Test
    void describesTheReceiptAndTheStatsAsTheRecordsHaveThem() {
        assertRecordSchema(Receipt.class, schema("Receipt"));
        assertRecordSchema(HubStats.class, schema("HubStats"));

        JsonArray accepted = response(operations().get(PUBLISH), "202").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonArray("oneOf");
        assertThat(accepted.getJsonObject(0).getString("$ref")).isEqualTo("#/components/schemas/Receipt");
        assertThat(accepted.getJsonObject(1).getJsonObject("items").getString("$ref")).isEqualTo("#/components/schemas/Receipt");
        assertThat(response(operations().get(STATS), "200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/HubStats");
        assertThat(response(operations().get(METRICS), "200").getJsonObject("content").keySet())
                .singleElement().asString().startsWith("text/plain");
        assertThat(response(operations().get(OPENAPI), "200").getJsonObject("content").keySet())
                .containsExactly("application/json");
        assertThat(securityAlternatives(operations().get(OPENAPI))).isEmpty();
        assertThat(securityAlternatives(operations().get(HEALTH))).isEmpty();
    }

    @Test
    void offersTheJwtBearerSchemeAndTheContainersBasicAsAlternatives() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.keySet()).containsExactlyInAnyOrder("bearerAuth", "basicAuth");
        assertThat(schemes.getJsonObject("bearerAuth").getString("scheme")).isEqualTo("bearer");
        assertThat(schemes.getJsonObject("bearerAuth").getString("bearerFormat")).isEqualTo("JWT");
        assertThat(schemes.getJsonObject("basicAuth").getString("scheme")).isEqualTo("basic");
        for (String op : List.of(PUBLISH, STATS, METRICS)) {
            assertThat(securityAlternatives(operations().get(op))).as(op).contains("bearerAuth", "basicAuth");
        }
    }

    @Test
    void theErrorEnumIsExactlyTheCodesTheSourceCanGive() {
        Set<String> codes = refusals().stream().map(Refusal::code).collect(Collectors.toCollection(TreeSet::new));
        JsonArray documented = schema("Error").getJsonObject("properties").getJsonObject("error").getJsonArray("enum");

        assertThat(strings(documented)).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(strings(documented))).isEqualTo(codes);
    }

    @Test
    void eachRefusalIsDocumentedUnderItsStatusOnTheRoutesThatGiveIt() {
        Set<String> derived = new TreeSet<>();
        Map<String, Set<Integer>> statusesByCode = new HashMap<>();
        for (Refusal refusal : refusals()) {
            statusesByCode.computeIfAbsent(refusal.code(), c -> new TreeSet<>()).add(refusal.status());
            for (String op : routesOf(refusal)) {
                derived.add(op + " " + refusal.status() + " " + refusal.code());
            }
        }
        statusesByCode.forEach((code, statuses) -> assertThat(statuses).as("statuses of " + code).hasSize(1));

        Set<String> documented = new TreeSet<>();
        operations().forEach((op, operation) -> operation.getJsonObject("responses").forEach((status, value) -> {
            JsonObject response = resolved(value.asJsonObject());
            for (String code : errorCodes(response)) {
                documented.add(op + " " + status + " " + code);
            }
            if (!errorCodes(response).isEmpty()) {
                assertErrorHeaders(op, Integer.parseInt(status), response);
            }
        }));

        assertThat(documented).isEqualTo(derived);
        // a refusal given on no listed route still has its response, and the status it comes with
        JsonObject responses = document.getJsonObject("components").getJsonObject("responses");
        for (Refusal refusal : refusals()) {
            if (routesOf(refusal).isEmpty()) {
                boolean described = responses.values().stream()
                        .anyMatch(r -> errorCodes(r.asJsonObject()).contains(refusal.code()));
                assertThat(described).as(refusal + " in components/responses").isTrue();
                assertThat(document.getJsonObject("info").getString("description"))
                        .contains("`" + refusal.status() + "` (`" + refusal.code() + "`)");
            }
        }
    }

    @Test
    void theSourceScanReadsEveryFormOfRefusal() {
        // guards the scan itself: each form the code base uses is found, with the right status
        assertThat(refusals()).contains(
                new Refusal(400, "bad_request", "servlet/StreamServlet.java"), // ApiException.badRequest
                new Refusal(400, "too_many_topics", "servlet/StreamServlet.java"), // new ApiException(400, "...")
                new Refusal(429, "publish_rate", "limits/PublishRate.java"), // StreamQuotas.refusal("...")
                new Refusal(429, "connections_per_subject", "limits/StreamQuotas.java"), // refusal("...")
                new Refusal(415, "unsupported_media_type", "publish/PublishResource.java"),
                new Refusal(403, "cross_origin_refused", "servlet/CorsFilter.java"));
        assertThat(refusals()).noneMatch(r -> r.file().equals("api/ApiException.java"));
    }

    // ---- the source scan

    /** One refusal the source can make: its status, its code and the file that makes it. */
    record Refusal(int status, String code, String file) {
    }

    // static ApiException name(params) { return new ApiException(status, code, ...: name, params, status, code
    private static final Pattern FACTORY = Pattern.compile("static\\s+ApiException\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*\\{\\s*"
            + "return\\s+new\\s+ApiException\\s*\\(\\s*(\\d{3})\\s*,\\s*(\"[^\"]*\"|\\w+)\\s*,");
    // new ApiException(status, code, ...: status and code as written
    private static final Pattern CONSTRUCTION = Pattern.compile(
            "new\\s+ApiException\\s*\\(\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*,");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z_]+)\"");

    /** A method that builds a refusal: a fixed code, or the code its parameter at {@code codeParameter} names. */
    private record Factory(String owner, String name, int status, String code, int codeParameter) {
    }

    private static List<Refusal> refusals() {
        Map<String, String> sources = sources();
        List<Factory> factories = new ArrayList<>();
        sources.forEach((file, text) -> {
            Matcher m = FACTORY.matcher(text);
            while (m.find()) {
                String codeArgument = m.group(4);
                List<String> parameters = Arrays.stream(m.group(2).split(","))
                        .map(p -> p.trim().replaceAll(".*\\s", "")).toList();
                if (codeArgument.startsWith("\"")) {
                    factories.add(new Factory(file, m.group(1), Integer.parseInt(m.group(3)), unquote(codeArgument), -1));
                } else {
                    int index = parameters.indexOf(codeArgument);
                    assertThat(index).as("the code of " + file + " " + m.group(1) + " is one of its parameters").isNotNegative();
                    factories.add(new Factory(file, m.group(1), Integer.parseInt(m.group(3)), null, index));
                }
            }
        });

        List<Refusal> refusals = new ArrayList<>();
        sources.forEach((file, text) -> {
            Matcher m = CONSTRUCTION.matcher(text);
            while (m.find()) {
                String status = m.group(1);
                String code = m.group(2);
                if (!status.matches("\\d{3}")) {
                    fail("cannot read the status of a refusal in " + file + ": new ApiException(" + status + ", ...");
                }
                Matcher literal = LITERAL.matcher(code);
                if (literal.matches()) {
                    if (!file.equals("api/ApiException.java")) { // its factories count where they are called
                        refusals.add(new Refusal(Integer.parseInt(status), literal.group(1), file));
                    }
                } else if (factories.stream().noneMatch(f -> f.owner().equals(file) && f.codeParameter() >= 0)) {
                    fail("cannot read the code of a refusal in " + file + ": new ApiException(" + status + ", " + code + ", ...");
                }
            }
            for (Factory factory : factories) {
                if (factory.owner().equals("api/ApiException.java")) {
                    Matcher call = Pattern.compile("ApiException\\s*\\.\\s*" + factory.name() + "\\s*\\(").matcher(text);
                    while (call.find()) {
                        refusals.add(new Refusal(factory.status(), factory.code(), file));
                    }
                } else if (factory.codeParameter() >= 0) {
                    String owner = className(factory.owner());
                    Pattern callPattern = Pattern.compile((file.equals(factory.owner()) ? "(?<![\\w.])" : owner + "\\s*\\.\\s*")
                            + factory.name() + "\\s*\\(");
                    Matcher call = callPattern.matcher(text);
                    while (call.find()) {
                        if (isDeclaration(text, call.start())) {
                            continue;
                        }
                        String argument = argument(text, call.end(), factory.codeParameter());
                        Matcher literal = LITERAL.matcher(argument);
                        if (!literal.matches()) {
                            fail("cannot read the code passed to " + factory.name() + " in " + file + ": " + argument);
                        }
                        refusals.add(new Refusal(factory.status(), literal.group(1), file));
                    }
                }
            }
            Matcher anyFactoryCall = Pattern.compile("ApiException\\s*\\.\\s*([a-z]\\w*)\\s*\\(").matcher(text);
            while (anyFactoryCall.find()) {
                String name = anyFactoryCall.group(1);
                assertThat(factories).as("ApiException." + name + " in " + file + " is a factory of ApiException.java")
                        .anyMatch(f -> f.owner().equals("api/ApiException.java") && f.name().equals(name));
            }
        });
        assertThat(refusals).isNotEmpty();
        return refusals;
    }

    /** Whether the name at {@code at} is the factory's own declaration, {@code ApiException name(...)}. */
    private static boolean isDeclaration(String text, int at) {
        return text.substring(Math.max(0, at - 40), at).matches("(?s).*\\bApiException\\s+");
    }

    /** The {@code index}-th argument of the call whose argument list starts at {@code from}. */
    private static String argument(String text, int from, int index) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        StringBuilder current = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\') {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                arguments.add(current.toString().trim());
                if (c == ')') {
                    break;
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return index < arguments.size() ? arguments.get(index) : "";
    }

    private static List<String> routesOf(Refusal refusal) {
        if (refusal.file().equals("servlet/ApiServlet.java")) {
            List<String> routes = API_SERVLET_ROUTES_BY_CODE.get(refusal.code());
            if (routes == null) {
                fail("ApiServlet refuses with " + refusal.code() + ": add it to API_SERVLET_ROUTES_BY_CODE");
            }
            return routes;
        }
        return ROUTES_BY_SOURCE.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/") ? refusal.file().startsWith(e.getKey()) : refusal.file().equals(e.getKey()))
                .map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> fail(refusal.file() + " refuses with " + refusal.code()
                        + ": add it to ROUTES_BY_SOURCE with the routes that reach it"));
    }

    /** Every main source file under dev/ssehub by its path there, comments blanked out. */
    private static Map<String, String> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            Map<String, String> sources = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'),
                        withoutComments(Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java source with its comments replaced by spaces; string and char literals are kept. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = source.startsWith("\"\"\"", i) ? source.indexOf("\"\"\"", i + 3) + 3 : literalEnd(source, i, c);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2) + 2;
                out.append(source.substring(i, end).replaceAll("[^\n]", " "));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int literalEnd(String source, int start, char quote) {
        int i = start + 1;
        while (source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static Set<String> publishFields() {
        String source = sources().get("publish/PublishRequest.java");
        Matcher fields = Pattern.compile("FIELDS\\s*=\\s*Set\\.of\\(([^)]*)\\)").matcher(source);
        assertThat(fields.find()).as("PublishRequest.FIELDS").isTrue();
        Set<String> names = new TreeSet<>();
        Matcher literal = Pattern.compile("\"([^\"]+)\"").matcher(fields.group(1));
        while (literal.find()) {
            names.add(literal.group(1));
        }
        return names;
    }

    private static String projectVersion() {
        String pom = readText(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>sse-hub</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).as("the project's version in pom.xml").isTrue();
        return version.group(1);
    }

    // ---- reading the document

    /** "METHOD /path" → operation, in the document's order. */
    private Map<String, JsonObject> operations() {
        Map<String, JsonObject> operations = new LinkedHashMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((key, value) -> {
            if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(key)) {
                operations.put(key.toUpperCase(Locale.ROOT) + " " + path, value.asJsonObject());
            }
        }));
        return operations;
    }

    /** "in name" → parameter. */
    private Map<String, JsonObject> parameters(JsonObject operation) {
        Map<String, JsonObject> parameters = new LinkedHashMap<>();
        JsonArray list = operation.getJsonArray("parameters");
        if (list != null) {
            for (JsonValue value : list) {
                JsonObject parameter = resolved(value.asJsonObject());
                parameters.put(parameter.getString("in") + " " + parameter.getString("name"), parameter);
            }
        }
        return parameters;
    }

    /** The schemes that each alternative names, "anonymous" for the empty one. */
    private static List<String> securityAlternatives(JsonObject operation) {
        return operation.getJsonArray("security").stream().map(JsonValue::asJsonObject)
                .map(alternative -> alternative.isEmpty() ? "anonymous" : String.join("+", alternative.keySet())).toList();
    }

    private JsonObject response(JsonObject operation, String status) {
        JsonValue response = operation.getJsonObject("responses").get(status);
        assertThat(response).as("response " + status).isNotNull();
        return resolved(response.asJsonObject());
    }

    private JsonObject schema(String name) {
        return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    /** The codes a response's JSON body may carry: the Error schema narrowed to an enum. */
    private Set<String> errorCodes(JsonObject response) {
        JsonObject resolved = resolved(response);
        JsonObject content = resolved.getJsonObject("content");
        if (content == null || !content.containsKey("application/json")) {
            return Set.of();
        }
        JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
        JsonArray allOf = schema.getJsonArray("allOf");
        if (allOf == null || allOf.stream().noneMatch(s -> "#/components/schemas/Error".equals(refOf(s)))) {
            assertThat(refOf(schema)).as("an error body names the codes it may carry").isNotEqualTo("#/components/schemas/Error");
            return Set.of();
        }
        Set<String> codes = new TreeSet<>();
        for (JsonValue part : allOf) {
            JsonObject properties = part.asJsonObject().getJsonObject("properties");
            if (properties != null) {
                codes.addAll(strings(properties.getJsonObject("error").getJsonArray("enum")));
            }
        }
        assertThat(codes).as("an error body names the codes it may carry").isNotEmpty();
        return codes;
    }

    /** The headers JsonReplies sends with a refusal of this status. */
    private void assertErrorHeaders(String op, int status, JsonObject response) {
        JsonObject headers = response.getJsonObject("headers");
        Set<String> names = headers == null ? Set.of() : headers.keySet();
        if (status == 401) {
            assertThat(names).as(op + " " + status).contains("WWW-Authenticate");
        }
        if (status == 429 || status == 503) {
            assertThat(names).as(op + " " + status).contains("Retry-After");
        }
    }

    private JsonObject resolved(JsonObject object) {
        JsonObject current = object;
        while (current.containsKey("$ref")) {
            JsonValue target = resolve(current.getString("$ref"));
            assertThat(target).as(current.getString("$ref")).isNotNull();
            current = target.asJsonObject();
        }
        return current;
    }

    private JsonValue resolve(String ref) {
        assertThat(ref).startsWith("#/");
        JsonValue current = document;
        for (String token : ref.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                return null;
            }
            current = object.get(key);
        }
        return current;
    }

    private static void collectRefs(JsonValue value, List<String> refs) {
        if (value instanceof JsonObject object) {
            object.forEach((key, child) -> {
                if (key.equals("$ref") && child instanceof JsonString text) {
                    refs.add(text.getString());
                } else {
                    collectRefs(child, refs);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(child -> collectRefs(child, refs));
        }
    }

    private static String refOf(JsonValue schema) {
        return schema instanceof JsonObject object && object.containsKey("$ref") ? object.getString("$ref") : null;
    }

    private static void assertRecordSchema(Class<? extends Record> type, JsonObject schema) {
        Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(schema.getJsonObject("properties").keySet()).as(type.getSimpleName()).isEqualTo(components);
        assertThat(new TreeSet<>(strings(schema.getJsonArray("required")))).as(type.getSimpleName()).isEqualTo(components);
        assertThat(schema.getBoolean("additionalProperties")).isFalse();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Set<String> without(Set<String> set, String removed) {
        Set<String> copy = new TreeSet<>(set);
        copy.remove(removed);
        return copy;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String className(String file) {
        return file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    private static JsonObject readJson(Path path) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(path, StandardCharsets.UTF_8))) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readText(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
