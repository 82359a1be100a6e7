package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.config.Settings;
import dev.ssehub.hub.Hub;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the hub's figures for Prometheus; for admins unless {@code ssehub.metrics.public}. */
public class MetricsServlet extends HttpServlet {

    private transient Hub hub;
    private transient Settings settings;
    private transient Authenticator authenticator;

    @Override
    public void init() {
        hub = CdiLookup.bean(getServletContext(), Hub.class);
        settings = CdiLookup.bean(getServletContext(), Settings.class);
        authenticator = CdiLookup.bean(getServletContext(), Authenticator.class);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!settings.metricsPublic()) {
                Requests.caller(authenticator, request, false).requireAdmin("metrics");
            }
        } catch (ApiException refusal) {
            JsonReplies.refuse(response, refusal);
            return;
        }
        byte[] body = hub.metrics().scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
