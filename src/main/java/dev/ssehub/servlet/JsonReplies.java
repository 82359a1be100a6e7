package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.api.Reply;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes replies and refusals as JSON, with the headers each refusal needs. */
final class JsonReplies {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonReplies() {
    }

    static void write(HttpServletResponse response, Reply reply) throws IOException {
        byte[] body = JSONB.toJson(reply.body()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static void refuse(HttpServletResponse response, ApiException refusal) throws IOException {
        if (refusal.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ssehub\"");
        }
        if (refusal.status() == 503) {
            response.setHeader("Retry-After", "5");
        }
        if (refusal.status() == 429) {
            response.setHeader("Retry-After", "1");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.code());
        body.put("message", refusal.getMessage());
        write(response, new Reply(refusal.status(), body));
    }
}
