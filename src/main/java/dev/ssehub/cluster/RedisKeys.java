package dev.ssehub.cluster;

import dev.ssehub.hub.PublishKey;

/**
 * The keys the hub keeps in Redis. They share one hash tag, so that a script may touch them all
 * on a Redis Cluster too: the whole history is one stream, on one shard.
 */
final class RedisKeys {

    static final String EVENTS = "{ssehub}:events";
    static final String LAST_TRIMMED = "{ssehub}:trimmed";
    static final String BYTES = "{ssehub}:bytes";

    private RedisKeys() {
    }

    static String publishKey(PublishKey key) {
        return "{ssehub}:key:" + key.qualified();
    }
}
