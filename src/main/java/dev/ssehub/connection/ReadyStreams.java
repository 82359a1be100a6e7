package dev.ssehub.connection;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The streams that have something to write, by slot number, in the order they became ready: a
 * bounded queue of {@code int}s for any number of threads on both ends (D. Vyukov's bounded
 * MPMC queue). Marking a stream ready allocates nothing and stores no reference, where a queue of
 * tasks would allocate a node per delivery.
 */
final class ReadyStreams {

    private final int mask;
    private final int[] slots;
    /** Per cell: the ticket that may fill it next, or the one after the ticket that filled it. */
    private final AtomicLongArray turns;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();

    /** @param capacity a power of two, at least 2: with one cell, full and free look the same */
    ReadyStreams(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 2) {
            throw new IllegalArgumentException("the capacity must be a power of two of at least 2, not " + capacity);
        }
        mask = capacity - 1;
        slots = new int[capacity];
        turns = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            turns.set(i, i);
        }
    }

    /** @return false when full */
    boolean offer(int slot) {
        long ticket = offered.get();
        while (true) {
            int cell = (int) ticket & mask;
            long turn = turns.get(cell);
            if (turn == ticket) {
                if (offered.compareAndSet(ticket, ticket + 1)) {
                    slots[cell] = slot;
                    turns.set(cell, ticket + 1); // publishes the slot number
                    return true;
                }
                ticket = offered.get();
            } else if (turn < ticket) {
                return false; // the cell still holds the ticket a lap earlier: full
            } else {
                ticket = offered.get();
            }
        }
    }

    /** @return the next ready slot, or -1 when none is */
    int poll() {
        long ticket = taken.get();
        while (true) {
            int cell = (int) ticket & mask;
            long turn = turns.get(cell);
            if (turn == ticket + 1) {
                if (taken.compareAndSet(ticket, ticket + 1)) {
                    int slot = slots[cell];
                    turns.set(cell, ticket + mask + 1); // free for the offer a lap later
                    return slot;
                }
                ticket = taken.get();
            } else if (turn <= ticket) {
                return -1; // not filled yet: empty, or an offer still on its way
            } else {
                ticket = taken.get();
            }
        }
    }

    /** Whether something was offered and not taken yet, including offers still on their way. */
    boolean isEmpty() {
        return offered.get() == taken.get();
    }
}
