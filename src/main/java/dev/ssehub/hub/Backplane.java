package dev.ssehub.hub;

import dev.ssehub.history.EventLog;
import dev.ssehub.history.LoggedEvent;
import dev.ssehub.protocol.EventId;
import java.util.List;

/**
 * What joins several nodes into one hub: a shared log that gives every event its cluster-wide id
 * and hands each event, in id order, to every node's fan-out, this one's included. A node never
 * fans out what it appended itself before the log hands it back, so its streams see one order.
 */
public interface Backplane extends AutoCloseable {

    /** The outcome of an append: what was stored now, or what a keyed publish stored before. */
    record Appended(List<LoggedEvent> events, List<Receipt> earlierReceipts) {

        public boolean repeated() {
            return earlierReceipts != null;
        }
    }

    /**
     * Stores the batch under consecutive ids, and records {@code key} in the same atomic step.
     *
     * @param key {@code null}, or a key that, while the first event it stored is kept, makes a
     *     repeat store nothing and return the first answer
     * @throws BackplaneUnavailableException when nothing was stored, or it cannot be known
     */
    Appended append(List<Publication> batch, PublishKey key);

    /** Records the answer a keyed publish gave, for a repeat on any node. Best effort. */
    void answered(PublishKey key, List<Receipt> receipts);

    /** The shared history, for replays; its reads may wait for the network. */
    EventLog history();

    /** Where a backplane hands what it follows, from its one thread. */
    interface Delivery {

        /** New events, in id order, each after the last one handed over. */
        void deliver(List<LoggedEvent> events);

        /**
         * The history can no longer prove that nothing was lost after {@code position} (this node
         * fell behind its trimming, or the backplane lost data): what follows comes after
         * {@code from}, which may even be lower than {@code position}.
         *
         * @param oldestId the oldest id the history still holds, or {@code null}
         */
        void discontinued(EventId position, EventId from, String oldestId);
    }

    /**
     * Starts handing every event after the log's present end to {@code delivery}, in id order,
     * from one thread of its own, resuming by itself after an outage.
     *
     * @return the position delivery starts after
     */
    EventId follow(Delivery delivery);

    /**
     * How far behind the shared log's head this node's delivery is.
     *
     * @param events entries not yet handed over, or -1 when the log cannot count them
     * @param millis how old the oldest of them is
     */
    record Lag(long events, long millis) {

        public static final Lag NONE = new Lag(0, 0);
    }

    /** As of the last read: on a single node, or a follower at the head, {@link Lag#NONE}. */
    Lag lag();

    /** {@code null} when the backplane answers now, or why it does not. */
    String problem();

    /** {@code redis-up} or {@code redis-down}, as last seen. */
    String state();

    @Override
    void close();
}
