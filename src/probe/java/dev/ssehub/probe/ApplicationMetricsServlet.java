package dev.ssehub.probe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the application's registry holds of the hub: the count of published events, or -1. */
public class ApplicationMetricsServlet extends HttpServlet {

    @Inject
    MeterRegistry registry;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FunctionCounter published = registry.find("ssehub.events.published").functionCounter();
        response.getWriter().print(published == null ? -1 : (long) published.count());
    }
}
