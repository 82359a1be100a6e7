package dev.ssehub.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;

/**
 * Reads the settings once per application. The web application's init-params are the last
 * source; its ServletContext is taken from the application's start event (whose payload CDI
 * defines to be the ServletContext in a web application), before any other observer runs. An
 * injected ServletContext would not do: Weld resolves it per request.
 */
@ApplicationScoped
public class SettingsProducer {

    private volatile ServletContext context;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            ServletContext startedContext) {
        this.context = startedContext;
    }

    @Produces
    @Singleton
    Settings settings() {
        ServletContext known = context;
        return Settings.load(ConfigSource.of(known == null ? name -> null : known::getInitParameter));
    }
}
