package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.config.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Cross-origin access per {@code ssehub.cors.origins}: empty means same origin only, {@code *}
 * any origin (without credentials), a list those origins (with credentials, so that
 * {@code EventSource} with {@code withCredentials} works). Answers preflights itself.
 *
 * <p>The rules hold for the request itself, not only for its preflight: a browser sends a form
 * post to another origin without asking first, with the user's cookies or BASIC credentials, so
 * a publish whose {@code Origin} is neither allowed nor the hub's own is refused before it runs
 * (cross-site request forgery); under {@code *} such a request must carry its own Bearer token,
 * since no origin is trusted with the user's credentials. Clients that are not browsers send no
 * {@code Origin}.
 */
public class CorsFilter extends HttpFilter {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID, Cache-Control, Idempotency-Key";
    /** What a browser client reads from the hub's answers besides the safelisted headers. */
    private static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";

    private transient List<String> origins;

    @Override
    public void init() {
        origins = CdiLookup.bean(getServletContext(), Settings.class).corsOrigins();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean listed = origin != null && origins.contains(origin);
        boolean allowed = listed || origin != null && origins.contains("*");
        // caches must not hand one origin's answer to another, whatever this answer says
        response.addHeader("Vary", "Origin");
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            if (!origins.contains("*")) {
                response.setHeader("Access-Control-Allow-Credentials", "true");
            }
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            if (origin != null && !listed && !"GET".equals(request.getMethod()) && !sameOrigin(request, origin)) {
                if (!allowed) {
                    Requests.discardUnreadBody(request);
                    JsonReplies.refuse(response, new ApiException(403, "cross_origin_refused", "a " + request.getMethod()
                            + " from another origin is refused: that origin is not in ssehub.cors.origins"));
                    return;
                }
                if (!carriesBearerToken(request)) {
                    // '*' admits any origin without credentials; the browser would still attach
                    // the user's cookies or BASIC credentials to a plain form post
                    Requests.discardUnreadBody(request);
                    JsonReplies.refuse(response, new ApiException(403, "cross_origin_refused", "a " + request.getMethod()
                            + " from another origin needs a Bearer token: with ssehub.cors.origins=* the container's"
                            + " credentials (cookies, BASIC) are not accepted across origins"));
                    return;
                }
            }
            chain.doFilter(request, response);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
        }
        response.setStatus(allowed ? 204 : 403);
    }

    private static boolean carriesBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The page that sent it was served by this hub: the origin names the host the request was sent to. */
    private static boolean sameOrigin(HttpServletRequest request, String origin) {
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        return origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host);
    }
}
