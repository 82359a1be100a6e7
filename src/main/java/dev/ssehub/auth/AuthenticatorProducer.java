package dev.ssehub.auth;

import dev.ssehub.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One authenticator per application, checking tokens only when a secret is configured. */
@ApplicationScoped
public class AuthenticatorProducer {

    @Produces
    @Singleton
    Authenticator authenticator(Settings settings) {
        return new Authenticator(settings.hasJwtSecret() ? new TokenVerifier(settings.jwtSecret()) : null);
    }
}
