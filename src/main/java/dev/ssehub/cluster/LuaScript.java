package dev.ssehub.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A script run by its digest, sent whole only when Redis does not know it (it forgets its scripts
 * when it restarts): appends stay one short command each.
 */
final class LuaScript {

    private final String source;
    private volatile String digest;

    private LuaScript(String source) {
        this.source = source;
    }

    /** The named script of this package, with the shared trim function in front of it. */
    static LuaScript load(String name) {
        return new LuaScript(resource("trim.lua") + resource(name));
    }

    @SuppressWarnings("unchecked")
    List<Object> run(RedisCommands<String, String> redis, String[] keys, String... args) {
        if (digest == null) {
            digest = redis.digest(source);
        }
        try {
            return (List<Object>) redis.evalsha(digest, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException forgotten) {
            return (List<Object>) redis.eval(source, ScriptOutputType.MULTI, keys, args);
        }
    }

    /**
     * Runs the script, waiting for its answer until {@code deadlineMillis} (this JVM's wall clock)
     * at most.
     *
     * @throws TimeoutException when no answer came in time: the script may still run later
     */
    List<Object> runBefore(RedisAsyncCommands<String, String> redis, long deadlineMillis, String[] keys,
            String... args) throws TimeoutException {
        if (digest == null) {
            digest = redis.digest(source);
        }
        try {
            return await(redis.evalsha(digest, ScriptOutputType.MULTI, keys, args), deadlineMillis);
        } catch (RedisNoScriptException forgotten) {
            return await(redis.eval(source, ScriptOutputType.MULTI, keys, args), deadlineMillis);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> await(RedisFuture<?> answer, long deadlineMillis) throws TimeoutException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return (List<Object>) answer.get(Math.max(0, deadlineMillis - System.currentTimeMillis()),
                            TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // the command is on its way: only its answer or the deadline can tell what happened
                    interrupted = true;
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof RuntimeException cause) {
                        throw cause;
                    }
                    throw new RedisException(failed.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the script " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
