package dev.ssehub.example.orders;

import dev.ssehub.hub.StreamClosed;
import dev.ssehub.hub.StreamOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Who watches the shop's orders right now, from the hub's lifecycle events. */
@ApplicationScoped
public class Presence {

    private final Map<String, Integer> watching = new ConcurrentHashMap<>();

    void opened(@Observes StreamOpened opened) {
        watching.merge(name(opened.subject()), 1, Integer::sum);
    }

    void closed(@Observes StreamClosed closed) {
        watching.computeIfPresent(name(closed.subject()), (who, streams) -> streams == 1 ? null : streams - 1);
    }

    public Map<String, Integer> watching() {
        return new TreeMap<>(watching);
    }

    private static String name(String subject) {
        return subject == null ? "anonymous" : subject;
    }
}
