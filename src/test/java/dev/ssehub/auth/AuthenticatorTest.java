package dev.ssehub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.api.ApiException;
import dev.ssehub.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private final Tokens tokens = new Tokens(SECRET);
    private final Authenticator authenticator =
            new Authenticator(new TokenVerifier(SECRET.getBytes(StandardCharsets.UTF_8)));

    @Test
    void readsSubjectAndRightsFromAValidToken() {
        String token = tokens.subject("alice").publish("news").subscribe("news", "chat").admin().sign();

        Caller caller = authenticator.authenticate("Bearer " + token, null, null);

        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.mayPublish("news")).isTrue();
        assertThat(caller.mayPublish("chat")).isFalse();
        assertThat(caller.maySubscribe("chat")).isTrue();
        assertThat(caller.admin()).isTrue();
        assertThat(caller.authenticated()).isTrue();
    }

    @Test
    void grantsEveryTopicForAStar() {
        Caller caller = authenticator.authenticate("bearer " + tokens.subject("ops").publish("*").sign(), null, null);
        assertThat(caller.mayPublish("anything")).isTrue();
        assertThat(caller.admin()).isFalse();
    }

    @Test
    void takesTheQueryTokenWhenNoHeaderIsSent() {
        Caller caller = authenticator.authenticate(null, tokens.subject("bob").subscribe("x").sign(), null);
        assertThat(caller.subject()).isEqualTo("bob");
    }

    @Test
    void refusesExpiredForgedUnsignedAndEndlessTokens() {
        String expired = tokens.subject("a").expiresAt(Instant.now().minusSeconds(3600)).sign();
        String forged = tokens.subject("a").signWith("another-secret-another-secret-1234".getBytes(StandardCharsets.UTF_8));
        String endless = tokens.subject("a").withoutExpiry().sign();
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiZXhwIjo0MTAyNDQ0ODAwfQ.";

        for (String token : new String[] {expired, forged, endless, unsigned, "garbage"}) {
            assertThatThrownBy(() -> authenticator.authenticate("Bearer " + token, null, null))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void refusesOtherSchemesAndEmptyTokens() {
        assertThatThrownBy(() -> authenticator.authenticate("Basic YTpi", null, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Bearer ", null, null)).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesATokenWhenNoSecretIsConfigured() {
        Authenticator withoutSecret = new Authenticator(null);
        assertThatThrownBy(() -> withoutSecret.authenticate("Bearer x", null, null))
                .hasMessageContaining("ssehub.jwt.secret");
        assertThat(withoutSecret.authenticate(null, null, null)).isEqualTo(Caller.ANONYMOUS);
    }

    @Test
    void grantsTheContainerRoles() {
        Set<String> roles = Set.of(ContainerUser.PUBLISHER, ContainerUser.ADMIN);
        Caller caller = new Authenticator(null).authenticate("Basic YTpi", null, new ContainerUser("carol", roles::contains));

        assertThat(caller.subject()).isEqualTo("carol");
        assertThat(caller.mayPublish("any")).isTrue();
        assertThat(caller.maySubscribe("any")).isFalse();
        assertThat(caller.admin()).isTrue();
    }
}
