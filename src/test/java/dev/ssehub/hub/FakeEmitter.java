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
    boolean open = true;

    @Override
    public synchronized boolean send(Frame frame) {
        if (!open) {
            return false;
        }
        frames.add(frame.bytes());
        return true;
    }

    @Override
    public synchronized void sendReplay(List<byte[]> replayed) {
        frames.addAll(replayed);
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
