package dev.ssehub.hub;

import dev.ssehub.history.EventLog;
import dev.ssehub.protocol.EventId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single node's memory of keyed publishes: what each one answered, for as long as the history
 * still holds its first event. Entries leave in the order they came, as their events leave the
 * history, so the cache is never larger than the history. Used under the hub's sequence lock.
 */
final class IdempotencyCache {

    private record Entry(PublishKey key, EventId firstId, List<Receipt> receipts) {
    }

    private final Map<PublishKey, Entry> byKey = new HashMap<>();
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

    /** What the first publish with this key answered, while the history holds it. */
    Optional<List<Receipt>> answered(PublishKey key, EventLog history) {
        forgetLeft(history);
        Entry entry = byKey.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.receipts());
    }

    void remember(PublishKey key, List<Receipt> receipts) {
        Entry entry = new Entry(key, EventId.parse(receipts.get(0).id()).orElseThrow(), receipts);
        Entry replaced = byKey.put(key, entry);
        if (replaced != null) {
            byAge.remove(replaced);
        }
        byAge.addLast(entry);
    }

    int size() {
        return byKey.size();
    }

    private void forgetLeft(EventLog history) {
        EventId oldest = history.oldestId();
        while (!byAge.isEmpty() && (oldest == null || byAge.peekFirst().firstId().compareTo(oldest) < 0)) {
            byKey.remove(byAge.removeFirst().key());
        }
    }
}
