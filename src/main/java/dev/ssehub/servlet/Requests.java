package dev.ssehub.servlet;

import dev.ssehub.auth.Authenticator;
import dev.ssehub.auth.Caller;
import dev.ssehub.auth.ContainerUser;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

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
}
