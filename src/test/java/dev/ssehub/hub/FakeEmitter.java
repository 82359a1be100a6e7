package dev.ssehub.hub;

import dev.ssehub.connection.Emitter;
import dev.ssehub.connection.Frame;
import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import java.util.ArrayList;
import java.util.List;

/** An emitter that records what it is sent, parsed as a client would. */
class FakeEmitter implements Emitter {

    final List<byte[]> frames = new ArrayList<>();
    final List<Integer> replayPageSizes = new ArrayList<>();
    boolean open = true;
    /** When set, a replay page's continuation waits for {@link #takeNextPage()}, as a slow client would. */
    boolean manualPages;
    private Runnable nextPage;

    @Override
    public synchronized boolean send(Frame frame) {
        if (!open) {
            return false;
        }
        frames.add(frame.bytes());
        return true;
    }

    @Override
    public void sendReplay(List<byte[]> replayed, Runnable whenWritten) {
        synchronized (this) {
            frames.addAll(replayed);
            replayPageSizes.add(replayed.size());
            if (manualPages) {
                nextPage = whenWritten;
                return;
            }
        }
        if (whenWritten != null) {
            whenWritten.run();
        }
    }

    /** Lets the replay go on, as the client taking its last page would; false when none is pending. */
    boolean takeNextPage() {
        Runnable next;
        synchronized (this) {
            next = nextPage;
            nextPage = null;
        }
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    synchronized List<Event> events() {
        List<Event> events = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(events::add);
        for (byte[] frame : frames) {
            parser.feed(frame, 0, frame.length);
        }
        return events;
    }

    synchronized List<String> data() {
        return events().stream().map(Event::data).toList();
    }
}
