package dev.ssehub.hub;

import java.util.Set;

/**
 * A CDI event: a stream has ended on this node, and why.
 *
 * @param streamId the number its {@link StreamOpened} had
 */
public record StreamClosed(long streamId, String subject, Set<String> topics, Reason reason) {

    public enum Reason {
        /** The client went away, or the container ended the request. */
        CLIENT_LEFT,
        /** It fell more than {@code ssehub.client.buffer.bytes} behind and was closed. */
        SLOW,
        /** Its token expired. */
        EXPIRED,
        /** The hub shut down. */
        SHUTDOWN,
        /** It lived {@code ssehub.stream.max-lifetime.seconds} and ended, for its client to resume. */
        LIFETIME
    }
}
