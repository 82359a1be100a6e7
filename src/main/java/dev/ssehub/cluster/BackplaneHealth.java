package dev.ssehub.cluster;

import java.util.logging.Logger;

/** Whether Redis answered the last time anyone asked, and why not; logs each change once. */
final class BackplaneHealth {

    private static final Logger LOG = Logger.getLogger(BackplaneHealth.class.getName());

    private volatile String problem;

    void up() {
        if (problem != null) {
            problem = null;
            LOG.info("SSE Hub: Redis answers again; this node reads on from where it stopped");
        }
    }

    void down(Throwable failure) {
        String reason = Reasons.of(failure);
        if (problem == null) {
            LOG.warning("SSE Hub: Redis does not answer (" + reason + "); publishing answers 503 until it does");
        }
        problem = reason;
    }

    /** {@code null} when Redis answered last. */
    String problem() {
        return problem;
    }
}
