package dev.ssehub.servlet;

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
 */
public class CorsFilter extends HttpFilter {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID, Cache-Control, Idempotency-Key";

    private transient List<String> origins;

    @Override
    public void init() {
        origins = CdiLookup.bean(getServletContext(), Settings.class).corsOrigins();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean allowed = origin != null && (origins.contains("*") || origins.contains(origin));
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            if (!origins.contains("*")) {
                response.setHeader("Access-Control-Allow-Credentials", "true");
            }
            response.addHeader("Vary", "Origin");
        }
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
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
}
