package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.auth.Caller;
import dev.ssehub.auth.ContainerUser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.regex.Pattern;

/** What every route reads from a request the same way: who sent it, its query, what is left of its body. */
final class Requests {

    private Requests() {
    }

    /** @param allowQueryToken whether {@code access_token} may carry the token (EventSource sends no headers) */
    static Caller caller(Authenticator authenticator, HttpServletRequest request, boolean allowQueryToken) {
        Principal principal = request.getUserPrincipal();
        ContainerUser containerUser = principal == null ? null : new ContainerUser(principal.getName(), request::isUserInRole);
        return authenticator.authenticate(request.getHeader("Authorization"),
                allowQueryToken ? request.getParameter("access_token") : null, containerUser);
    }

    private static final long DISCARD_LIMIT_BYTES = 2 * 1024 * 1024;
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /**
     * Refuses a query with a broken {@code %}-escape: containers differ on it (Tomcat drops the
     * parameter silently, which would turn {@code topic=%zz} into the default topic).
     */
    static void requireWellFormedQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return;
        }
        if (BROKEN_ESCAPE.matcher(query).find()) {
            throw ApiException.badRequest("the query string has a broken %-escape");
        }
        if (!QueryText.decodesAsUtf8(query)) {
            // Jetty would answer its own HTML page from the first getParameter; Tomcat would drop the parameter
            throw ApiException.badRequest("the query string's %-escapes are not valid UTF-8");
        }
    }

    /**
     * Reads what is left of a refused request's body, up to a bound. A server that answers and
     * closes with unread bytes in its receive buffer makes the kernel reset the connection, and a
     * client still sending then loses the answer; Tomcat swallows such bodies itself, Jetty does not.
     */
    static void discardUnreadBody(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            long left = DISCARD_LIMIT_BYTES;
            byte[] sink = new byte[8192];
            int read;
            while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException | IllegalStateException unreadable) {
            // the client has gone, or the body was read another way; the answer is all that is left
        }
    }
}
