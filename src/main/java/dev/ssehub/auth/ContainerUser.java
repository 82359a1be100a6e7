package dev.ssehub.auth;

import java.util.function.Predicate;

/** A user the servlet container has already authenticated, and a way to ask for its roles. */
public record ContainerUser(String name, Predicate<String> inRole) {

    public static final String PUBLISHER = "sse-publisher";
    public static final String SUBSCRIBER = "sse-subscriber";
    public static final String ADMIN = "sse-admin";

    Caller toCaller() {
        return new Caller(name,
                inRole.test(PUBLISHER) ? Rights.ALL : Rights.NONE,
                inRole.test(SUBSCRIBER) ? Rights.ALL : Rights.NONE,
                inRole.test(ADMIN), true);
    }
}
