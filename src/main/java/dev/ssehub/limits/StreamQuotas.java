package dev.ssehub.limits;

import dev.ssehub.api.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open streams per client address and per token subject, each under its own limit ({@code 0}: no
 * limit). A stream takes its places before it starts and gives them back when it ends; a count
 * that falls to zero is forgotten, so addresses that came once leave nothing behind.
 */
public final class StreamQuotas {

    /** The places one stream holds; giving them back twice gives back once. */
    public interface Lease {
        void release();
    }

    private final int perAddress;
    private final int perSubject;
    private final ConcurrentMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> bySubject = new ConcurrentHashMap<>();

    public StreamQuotas(int perAddress, int perSubject) {
        this.perAddress = perAddress;
        this.perSubject = perSubject;
    }

    /**
     * @param subject the token's subject, or {@code null} when anonymous (then only the address counts)
     * @throws ApiException 429 naming the limit, with nothing taken
     */
    public Lease acquire(String address, String subject) {
        if (!take(byAddress, address, perAddress)) {
            throw refusal("connections_per_address", "this client address holds its maximum of " + perAddress
                    + " streams (ssehub.connections.per-address)");
        }
        if (subject != null && !take(bySubject, subject, perSubject)) {
            give(byAddress, address, perAddress);
            throw refusal("connections_per_subject", "this subject holds its maximum of " + perSubject
                    + " streams (ssehub.connections.per-subject)");
        }
        AtomicInteger released = new AtomicInteger();
        return () -> {
            if (released.compareAndSet(0, 1)) {
                give(byAddress, address, perAddress);
                if (subject != null) {
                    give(bySubject, subject, perSubject);
                }
            }
        };
    }

    /** Streams counted for the address now; for tests and metrics. */
    public int streamsOf(String address) {
        AtomicInteger count = byAddress.get(address);
        return count == null ? 0 : count.get();
    }

    private static boolean take(ConcurrentMap<String, AtomicInteger> counts, String key, int limit) {
        if (limit == 0) {
            return true;
        }
        boolean[] taken = {false};
        counts.compute(key, (k, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < limit) {
                current.incrementAndGet();
                taken[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        return taken[0];
    }

    private static void give(ConcurrentMap<String, AtomicInteger> counts, String key, int limit) {
        if (limit == 0) {
            return;
        }
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    static ApiException refusal(String code, String message) {
        return new ApiException(429, code, message);
    }
}
