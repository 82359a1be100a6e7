package dev.ssehub.hub;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.history.LoggedEvent;
import dev.ssehub.history.Replay;
import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.LastEventId;
import dev.ssehub.protocol.SseEncoder;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings one new stream from its {@code Last-Event-ID} to the present, a bounded page at a time:
 * the next page is read only once the client has taken the last one, so a replay never holds more
 * than a page in memory, however long the history or slow the client. The last read, which finds
 * nothing more, is made with no publish in progress, and the stream turns live in the same step.
 *
 * <pre>
 * retry: 3000          the opening
 * : ok
 *
 * event: gap           only when the history cannot prove nothing was lost
 * data: {"lastEventId":"...","oldestId":"..."}
 *
 * id: ...              the replay, page after page, then live events
 * </pre>
 */
final class Catchup implements Runnable {

    private static final Logger LOG = Logger.getLogger(Catchup.class.getName());

    static final int PAGE_EVENTS = 256;
    static final long PAGE_BYTES = 256 * 1024;

    private final Hub hub;
    private final Subscription subscription;
    /** What the client said it has: quoted back in a gap signal until it has been given an event. */
    private String claimed;
    /** The last event the stream was given, or {@code null} to read from the oldest kept. */
    private EventId cursor;
    /** The claimed id is not one the hub could have issued: a gap, whatever the log says. */
    private boolean unknownId;

    /** The stream's opening has been queued already, before anything else could be. */
    Catchup(Hub hub, Subscription subscription, LastEventId lastEventId) {
        this.hub = hub;
        this.subscription = subscription;
        if (lastEventId != null) {
            claimed = lastEventId.raw();
            cursor = lastEventId.id();
            unknownId = cursor == null;
        }
    }

    /** Sends the next page, or turns the stream live when none is left; run again when the page is written. */
    @Override
    public void run() {
        if (!subscription.emitter().isOpen()) {
            return;
        }
        if (claimed == null) {
            hub.inSequence(() -> {
                subscription.emitter().sendReplay(newPage(), null);
                subscription.goLive();
            });
            return;
        }
        if (hub.clustered()) {
            hub.readHistoryLater(this::readShared);
            return;
        }
        Replay page = hub.log().read(cursor, PAGE_EVENTS, PAGE_BYTES);
        if (page.more()) {
            send(page, this);
            return;
        }
        hub.inSequence(this::finish);
    }

    /** With no publish in progress: whatever came since the last read, then live. */
    private void finish() {
        Replay rest = hub.log().read(cursor, PAGE_EVENTS, PAGE_BYTES);
        if (rest.more()) {
            send(rest, this); // publishers outran the replay; keep paging
            return;
        }
        send(rest, null);
        subscription.goLive();
    }

    /**
     * A cluster node's page: from the shared history, but only up to what this node has fanned
     * out, since what comes after reaches the stream live. Once nothing is left below that, the
     * stream finishes from the node's recent events, under the lock.
     */
    private void readShared() {
        try {
            readSharedPage();
        } catch (RuntimeException failed) {
            // whatever broke (an entry that does not decode, a bug), a stream left registered and
            // never live would be kept open by its heartbeats: closed, the client resumes
            LOG.log(Level.WARNING, "a stream's catch-up failed; closing it so that it resumes", failed);
            subscription.emitter().close();
        }
    }

    private void readSharedPage() {
        if (!subscription.emitter().isOpen()) {
            return;
        }
        EventId present = hub.delivered();
        Replay page;
        try {
            page = hub.log().read(cursor, PAGE_EVENTS, PAGE_BYTES);
        } catch (BackplaneUnavailableException down) {
            // the client resumes from its last id once the history answers again
            subscription.emitter().close();
            return;
        }
        List<LoggedEvent> upToPresent = new ArrayList<>(page.events().size());
        for (LoggedEvent event : page.events()) {
            if (event.id().compareTo(present) > 0) {
                break;
            }
            upToPresent.add(event);
        }
        if (!upToPresent.isEmpty() || page.gap() || unknownId) {
            send(new Replay(page.gap(), page.oldestId(), upToPresent, true), this);
            return;
        }
        if (cursor == null || cursor.compareTo(present) < 0) {
            cursor = present; // the history holds nothing between
        }
        hub.inSequence(this::finishFromRecent);
    }

    private void finishFromRecent() {
        Replay rest = hub.recent().after(cursor, PAGE_EVENTS, PAGE_BYTES);
        if (rest == null) {
            // this node delivered more since the read than it keeps at hand: read on from the history
            hub.readHistoryLater(this::readShared);
            return;
        }
        if (rest.more()) {
            send(rest, this);
            return;
        }
        send(rest, null);
        subscription.goLive(cursor);
    }

    private void send(Replay page, Runnable next) {
        List<byte[]> frames = newPage();
        if (page.gap() || unknownId) {
            frames.add(gap(claimed, page.oldestId()));
            unknownId = false;
            if (page.events().isEmpty()) {
                cursor = null; // nothing kept after the gap: read on from whatever comes first
            }
        }
        int replayed = 0;
        for (LoggedEvent event : page.events()) {
            if (subscription.wants(event)) {
                frames.add(event.frame());
                replayed++;
            }
        }
        if (!page.events().isEmpty()) {
            cursor = page.last().id();
            claimed = cursor.toString();
        }
        hub.counters().replayed(replayed);
        subscription.emitter().sendReplay(frames, next);
    }

    private static List<byte[]> newPage() {
        return new ArrayList<>();
    }

    static byte[] gap(String asked, String oldest) {
        JsonObjectBuilder data = JSON.createObjectBuilder().add("lastEventId", asked);
        if (oldest == null) {
            data.addNull("oldestId");
        } else {
            data.add("oldestId", oldest);
        }
        return SseEncoder.signal("gap", data.build().toString());
    }
}
