package dev.ssehub.connection;

/** Told once, when a connection ends. */
@FunctionalInterface
public interface CloseListener {

    /** @param discardedFrames frames that were queued but never written */
    void closed(CloseReason reason, int discardedFrames);
}
