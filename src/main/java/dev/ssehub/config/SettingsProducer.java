package dev.ssehub.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;

/** Reads the settings once per application, with the web application's init-params as last source. */
@ApplicationScoped
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings(ServletContext context) {
        return Settings.load(ConfigSource.of(context::getInitParameter));
    }
}
