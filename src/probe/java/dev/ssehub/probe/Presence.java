package dev.ssehub.probe;

import dev.ssehub.hub.EventPublished;
import dev.ssehub.hub.StreamClosed;
import dev.ssehub.hub.StreamOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Who is online, as an application builds it from the hub's lifecycle events. */
@ApplicationScoped
public class Presence {

    private final Map<String, Integer> online = new ConcurrentHashMap<>();
    private final List<String> closes = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();

    void opened(@Observes StreamOpened opened) {
        online.merge(name(opened.subject()), 1, Integer::sum);
    }

    void closed(@Observes StreamClosed closed) {
        online.computeIfPresent(name(closed.subject()), (subject, streams) -> streams == 1 ? null : streams - 1);
        closes.add(name(closed.subject()) + ":" + closed.reason());
    }

    void published(@Observes EventPublished event) {
        published.add(event.receipt().id() + ":" + event.publication().data() + ":" + event.receipt().recipients());
    }

    Map<String, Integer> online() {
        return online;
    }

    List<String> closes() {
        return closes;
    }

    List<String> published() {
        return published;
    }

    private static String name(String subject) {
        return subject == null ? "(anonymous)" : subject;
    }
}
