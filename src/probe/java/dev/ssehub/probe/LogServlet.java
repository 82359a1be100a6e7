package dev.ssehub.probe;

import dev.ssehub.hub.Hub;
import dev.ssehub.logging.HubLogHandler;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.logging.Logger;

/**
 * An application that follows its own log on the topic {@code app-log}, as the README shows:
 * {@code POST /log?message=...} logs the message at INFO on the logger {@code probe.app}.
 */
public class LogServlet extends HttpServlet {

    private static final Logger APP = Logger.getLogger("probe.app");

    @Inject
    Hub hub;

    private transient HubLogHandler handler;

    @Override
    public void init() {
        handler = HubLogHandler.install(hub, APP.getName(), "app-log");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        APP.info(request.getParameter("message"));
        response.setStatus(204);
    }

    @Override
    public void destroy() {
        handler.close();
    }
}
