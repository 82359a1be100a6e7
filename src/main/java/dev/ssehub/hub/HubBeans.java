package dev.ssehub.hub;

import dev.ssehub.auth.AccessPolicy;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.auth.TokenKeys;
import dev.ssehub.auth.TokenVerifier;
import dev.ssehub.cluster.RedisBackplane;
import dev.ssehub.config.ConfigSource;
import dev.ssehub.config.Settings;
import dev.ssehub.history.InMemoryEventLog;
import dev.ssehub.limits.PublishRate;
import dev.ssehub.limits.StreamQuotas;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Every bean the hub is made of, produced in one place: the settings, the authenticator and the
 * hub itself, each once per application.
 *
 * <p>The web application's init-params are the settings' last source; the ServletContext is taken
 * from the application's start event (whose payload CDI defines to be the ServletContext in a web
 * application), before any other observer runs. An injected ServletContext would not do: Weld
 * resolves it per request.
 */
@ApplicationScoped
public class HubBeans {

    private static final Logger LOG = Logger.getLogger(HubBeans.class.getName());

    private volatile ServletContext context;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            ServletContext startedContext) {
        this.context = startedContext;
    }

    /** Starts the hub with the application rather than on the first request. */
    void startHub(@Observes @Initialized(ApplicationScoped.class) Object ignored, Hub hub) {
        hub.stats();
    }

    @Produces
    @Singleton
    Settings settings() {
        ServletContext known = context;
        return Settings.load(ConfigSource.of(known == null ? name -> null : known::getInitParameter));
    }

    @Produces
    @Singleton
    Authenticator authenticator(Settings settings, Instance<AccessPolicy> policies) {
        AccessPolicy policy = policies.isResolvable() ? policies.get() : null;
        if (policy != null) {
            LOG.info("SSE Hub: who may publish and subscribe is decided by " + policy.getClass().getName());
        }
        if (!settings.checksTokens()) {
            return new Authenticator(null, policy);
        }
        return new Authenticator(new TokenVerifier(
                new TokenKeys(settings.jwtSecret(), settings.jwtPublicKey(), settings.jwks()),
                settings.jwtIssuer(), settings.jwtAudience(), settings.jwtClockSkew()), policy);
    }

    @Produces
    @Singleton
    Hub hub(Settings settings, BeanManager beans, Instance<MeterRegistry> applicationRegistries) {
        // without a Redis URL no Redis class is even loaded
        Hub hub = settings.redisUrl() == null
                ? new Hub(new InMemoryEventLog(settings.historySize(), settings.historyMaxBytes(),
                        settings.historyTtl(), Clock.systemUTC()), settings)
                : new Hub(new RedisBackplane(settings), settings);
        hub.observeWith(LifecycleEvents.forApplication(beans));
        if (applicationRegistries.isResolvable()) {
            hub.metrics().alsoPublishTo(applicationRegistries.get());
        }
        hub.start();
        if (!settings.checksTokens()) {
            LOG.warning("SSE Hub: none of ssehub.jwt.secret, ssehub.jwt.public-key and ssehub.jwt.jwks is set, so"
                    + " tokens cannot be checked and publishing over HTTP is refused unless the container"
                    + " authenticates users with the role sse-publisher.");
        }
        return hub;
    }

    @Produces
    @Singleton
    StreamQuotas streamQuotas(Settings settings) {
        return new StreamQuotas(settings.connectionsPerAddress(), settings.connectionsPerSubject());
    }

    @Produces
    @Singleton
    PublishRate publishRate(Settings settings) {
        return new PublishRate(settings.publishRatePerSubject(), System::nanoTime);
    }

    void stopHub(@Disposes Hub hub) {
        hub.stop();
        if (hub.observer() instanceof LifecycleEvents events) {
            events.close();
        }
    }
}
