package dev.ssehub.history;

import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.SseEncoder;
import java.util.List;
import java.util.Set;

/**
 * An event as the log stored it: its id, what was published, and when. Its frame is encoded the
 * first time it is asked for and then shared by every live delivery and every replay on this node.
 */
public final class LoggedEvent {

    private final EventId id;
    private final Publication publication;
    private final long loggedAtMillis;
    private volatile byte[] frame;

    public LoggedEvent(EventId id, Publication publication, long loggedAtMillis) {
        this.id = id;
        this.publication = publication;
        this.loggedAtMillis = loggedAtMillis;
    }

    public EventId id() {
        return id;
    }

    public Publication publication() {
        return publication;
    }

    public List<String> topics() {
        return publication.topics();
    }

    /** Only subscribers whose rights cover one of its topics may see it. */
    public boolean privateEvent() {
        return publication.privateEvent();
    }

    /** When not empty, only connections authenticated as one of these subjects may see it. */
    public Set<String> users() {
        return publication.users();
    }

    public long loggedAtMillis() {
        return loggedAtMillis;
    }

    /** The encoded frame; two threads racing here get equal bytes, and one of them is kept. */
    public byte[] frame() {
        byte[] encoded = frame;
        if (encoded == null) {
            encoded = SseEncoder.encode(id, publication.message());
            frame = encoded;
        }
        return encoded;
    }

    @Override
    public String toString() {
        return "LoggedEvent[" + id + " " + publication.topics() + "]";
    }
}
