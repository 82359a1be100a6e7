package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.api.OpenApiResource;
import dev.ssehub.api.Reply;
import dev.ssehub.api.StatusResource;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.config.Settings;
import dev.ssehub.hub.Hub;
import dev.ssehub.publish.PublishResource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the JSON API ({@code /api/*} but the stream) to its resources, turns refusals into
 * their status and JSON body, and keeps every other failure from leaking as an HTML page.
 */
public class ApiServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ApiServlet.class.getName());

    /** Like Tomcat's maxSwallowSize: a larger body is not worth reading just to refuse it. */

    private transient Settings settings;
    private transient Authenticator authenticator;
    private transient PublishResource publish;
    private transient StatusResource status;
    private transient Hub hub;

    @Override
    public void init() {
        settings = CdiLookup.bean(getServletContext(), Settings.class);
        authenticator = CdiLookup.bean(getServletContext(), Authenticator.class);
        publish = CdiLookup.bean(getServletContext(), PublishResource.class);
        status = CdiLookup.bean(getServletContext(), StatusResource.class);
        hub = CdiLookup.bean(getServletContext(), Hub.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            JsonReplies.write(response, route(request));
        } catch (ApiException refusal) {
            Requests.discardUnreadBody(request);
            hub.metrics().refused(refusal.code());
            JsonReplies.refuse(response, refusal);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.getMethod() + " " + request.getRequestURI(), unexpected);
            JsonReplies.refuse(response, new ApiException(500, "internal_error", "the hub failed; see its log"));
        }
    }

    private Reply route(HttpServletRequest request) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        return switch (path) {
            case "/events" -> {
                requireMethod(method, "POST");
                requireUnencodedBody(request.getHeader("Content-Encoding"));
                yield publish.publish(Requests.caller(authenticator, request, false), request.getContentType(),
                        body(request), request.getHeader("Idempotency-Key"));
            }
            case "/health" -> {
                requireMethod(method, "GET");
                yield status.health();
            }
            case "/stats" -> {
                requireMethod(method, "GET");
                yield status.stats(Requests.caller(authenticator, request, false));
            }
            case "/openapi.json" -> {
                requireMethod(method, "GET");
                yield OpenApiResource.document();
            }
            default -> throw new ApiException(404, "not_found", "no API route " + path);
        };
    }

    /** A gzipped body would otherwise be read as if it were the JSON itself. */
    private static void requireUnencodedBody(String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Encoding " + contentEncoding.trim() + " is not accepted; send the body uncompressed");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allowed);
        }
    }

    /** The body, refused with 413 as soon as it is known to be over the limit. */
    private byte[] body(HttpServletRequest request) throws IOException {
        long limit = settings.publishMaxBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }


    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "the body is over ssehub.publish.max-bytes (" + limit + " bytes)");
    }
}
