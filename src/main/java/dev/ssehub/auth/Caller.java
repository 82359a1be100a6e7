package dev.ssehub.auth;

/**
 * Who sent a request, and what that allows: from a checked token, from the container's own
 * authentication, or nobody at all.
 *
 * @param subject the token's {@code sub} or the principal's name; {@code null} when anonymous
 */
public record Caller(String subject, Rights publish, Rights subscribe, boolean admin, boolean authenticated) {

    public static final Caller ANONYMOUS = new Caller(null, Rights.NONE, Rights.NONE, false, false);

    public boolean mayPublish(String topic) {
        return publish.covers(topic);
    }

    public boolean maySubscribe(String topic) {
        return subscribe.covers(topic);
    }
}
