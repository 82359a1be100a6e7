package dev.ssehub.connection;

/** Why a stream ended. */
public enum CloseReason {
    /** The client went away, or the container ended the request. */
    CLIENT_GONE,
    /** The client fell more than its buffer behind. */
    SLOW_CLIENT,
    /** The hub closed it, e.g. while shutting down. */
    SERVER,
    /** It was ended after writing what was queued: its lifetime was up, or the hub is stopping. */
    ENDED
}
