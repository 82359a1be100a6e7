package dev.ssehub.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
