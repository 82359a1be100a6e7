package dev.ssehub.cluster;

import dev.ssehub.hub.BackplaneUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The node's two connections to Redis: one for commands, one that the follower blocks on. While
 * Redis is unreachable commands are refused at once rather than queued, so that a publish gets
 * its 503 instead of an answer that comes too late; Lettuce reconnects by itself, and a
 * connection that was never made is tried again the next time it is needed.
 */
final class RedisLink implements AutoCloseable {

    /** Longer than the follower's block, so that a blocked read is not taken for a dead Redis. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisConnection<String, String> follower;

    RedisLink(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
    }

    synchronized RedisCommands<String, String> commands() {
        if (commands == null) {
            commands = connect();
        }
        return commands.sync();
    }

    /** The commands connection, for a command whose answer is awaited with a deadline of its own. */
    synchronized RedisAsyncCommands<String, String> commandsAsync() {
        if (commands == null) {
            commands = connect();
        }
        return commands.async();
    }

    synchronized RedisCommands<String, String> follower() {
        if (follower == null) {
            follower = connect();
        }
        return follower.sync();
    }

    private StatefulRedisConnection<String, String> connect() {
        try {
            return client.connect();
        } catch (RedisException unreachable) {
            throw new BackplaneUnavailableException("Redis is unreachable: " + Reasons.of(unreachable), unreachable);
        }
    }

    @Override
    public synchronized void close() {
        if (commands != null) {
            commands.close();
        }
        if (follower != null) {
            follower.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
