package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.auth.Caller;
import dev.ssehub.auth.ContainerUser;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.regex.Pattern;

/** Reads who a request comes from, in the one place that knows where credentials travel. */
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

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /**
     * Refuses a query with a broken {@code %}-escape: containers differ on it (Tomcat drops the
     * parameter silently, which would turn {@code topic=%zz} into the default topic).
     */
    static void requireWellFormedQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
            throw ApiException.badRequest("the query string has a broken %-escape");
        }
    }
}
