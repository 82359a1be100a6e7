package dev.ssehub.servlet;

import dev.ssehub.config.ConfigSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Maps the hub into an application that embeds its jar, so that one dependency is all it takes:
 * {@code <prefix>/api/stream}, {@code <prefix>/api/events} and the other API routes, and
 * {@code <prefix>/metrics}, with the CORS filter, under {@code ssehub.path.prefix} (default
 * {@code /sse-hub}; empty for the root).
 *
 * <p>Registered through {@code META-INF/services} in the embeddable jar only: the stand-alone WAR
 * maps the same servlets in its {@code web.xml}, and when an application has mapped them itself
 * this does nothing.
 */
public class HubInitializer implements ServletContainerInitializer {

    static final String PREFIX_KEY = "ssehub.path.prefix";
    private static final String DEFAULT_PREFIX = "/sse-hub";
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    private static final Logger LOG = Logger.getLogger(HubInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> ignored, ServletContext context) {
        if (context.getServletRegistration("stream") != null || mapped(context, StreamServlet.class)) {
            return; // the application's web.xml maps the hub already
        }
        String prefix = prefix(ConfigSource.of(context::getInitParameter).get(PREFIX_KEY));
        // Weld Servlet, when the host runs it, must not open a request context for a stream: its
        // request ends long after the container thread has moved on
        context.setInitParameter("org.jboss.weld.context.mapping", "(?!" + Pattern.quote(prefix + "/api/stream") + "$).*");
        context.setInitParameter("org.jboss.weld.context.ignore.guard", "false");

        FilterRegistration.Dynamic cors = context.addFilter("ssehub-cors", CorsFilter.class);
        cors.setAsyncSupported(true);
        cors.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, prefix + "/api/*");

        ServletRegistration.Dynamic stream = context.addServlet("ssehub-stream", StreamServlet.class);
        stream.setAsyncSupported(true);
        stream.setLoadOnStartup(1);
        stream.addMapping(prefix + "/api/stream");
        ServletRegistration.Dynamic api = context.addServlet("ssehub-api", ApiServlet.class);
        api.setLoadOnStartup(1);
        api.addMapping(prefix + "/api/*");
        ServletRegistration.Dynamic metrics = context.addServlet("ssehub-metrics", MetricsServlet.class);
        metrics.setLoadOnStartup(1);
        metrics.addMapping(prefix + "/metrics");
        LOG.info("SSE Hub: mapped at " + context.getContextPath() + prefix + "/api/stream, /api/events and /metrics");
    }

    static String prefix(String configured) {
        String prefix = configured == null ? DEFAULT_PREFIX : configured.trim();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException(PREFIX_KEY + " must be empty or a path like /sse-hub (letters, digits, . _ ~ -),"
                    + " not '" + configured + "'");
        }
        return prefix;
    }

    private static boolean mapped(ServletContext context, Class<?> type) {
        return context.getServletRegistrations().values().stream()
                .anyMatch(registration -> type.getName().equals(registration.getClassName()));
    }
}
