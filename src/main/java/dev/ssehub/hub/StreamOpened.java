package dev.ssehub.hub;

import java.util.Set;

/**
 * A CDI event: a stream has opened on this node. With {@link StreamClosed}, enough to keep track
 * of who is online: {@code void online(@Observes StreamOpened opened) {...}}.
 *
 * @param streamId this node's number for the stream, the same in its {@link StreamClosed}
 * @param subject the token's {@code sub} or the container's user, or {@code null} when anonymous
 */
public record StreamOpened(long streamId, String subject, Set<String> topics) {
}
