package dev.ssehub.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's own Micrometer registry, as a CDI bean: the hub publishes its meters there too. */
@ApplicationScoped
public class ApplicationMetrics {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Produces
    @Singleton
    MeterRegistry registry() {
        return registry;
    }
}
