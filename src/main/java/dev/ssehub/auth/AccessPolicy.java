package dev.ssehub.auth;

/**
 * An application's own rule of who may publish or subscribe to which topic, in place of the
 * token's claims and the container's roles. Provide it as a CDI bean of the application; the hub
 * then asks it for every caller, anonymous ones included:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class TeamTopics implements AccessPolicy {
 *     @Inject Teams teams;
 *     public boolean mayPublish(Caller caller, String topic) {
 *         return caller.subject() != null && teams.isLead(caller.subject(), topic);
 *     }
 *     public boolean maySubscribe(Caller caller, String topic) {
 *         return caller.subject() != null && teams.isMember(caller.subject(), topic);
 *     }
 * }
 * }</pre>
 *
 * <p>{@code caller} is who the request authenticated as, with the rights its token or roles gave
 * ({@code caller.mayPublish(topic)} answers as the hub would without a policy), so a policy can
 * narrow them, widen them or ignore them. Each stream asks once per topic and keeps the answer
 * for its life; publishes ask each time. Subscribing decides who gets private events: public
 * events reach everyone who may open a stream.
 */
public interface AccessPolicy {

    boolean mayPublish(Caller caller, String topic);

    boolean maySubscribe(Caller caller, String topic);
}
