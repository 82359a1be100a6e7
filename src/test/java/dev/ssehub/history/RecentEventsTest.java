package dev.ssehub.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.hub.Publication;
import dev.ssehub.protocol.EventId;
import org.junit.jupiter.api.Test;

/** What a cluster node keeps at hand is bounded by bytes as well as by count, and knows what it let go. */
class RecentEventsTest {

    private static LoggedEvent event(long sequence, int dataLength) {
        return new LoggedEvent(new EventId(1, sequence), Publication.of("a", "x".repeat(dataLength)), 1);
    }

    @Test
    void largeEventsPushTheOldestOutAndAReadFromBeforeThemGoesToTheHistory() {
        RecentEvents recent = new RecentEvents(100, 10_000, new EventId(1, 0));
        for (long i = 1; i <= 5; i++) {
            recent.add(event(i, 3000), 1);
        }
        assertThat(recent.after(new EventId(1, 0), 10, 1 << 20)).isNull();
        Replay kept = recent.after(new EventId(1, 4), 10, 1 << 20);
        assertThat(kept.events()).extracting(LoggedEvent::id).containsExactly(new EventId(1, 5));
        assertThat(kept.more()).isFalse();
    }

    @Test
    void aPageStopsAtItsBytesButHoldsOneEventAtLeast() {
        RecentEvents recent = new RecentEvents(100, 1 << 20, new EventId(1, 0));
        for (long i = 1; i <= 3; i++) {
            recent.add(event(i, 1000), 1);
        }
        Replay page = recent.after(new EventId(1, 0), 10, 1500);
        assertThat(page.events()).hasSize(1);
        assertThat(page.more()).isTrue();
        assertThat(recent.after(new EventId(1, 0), 10, 10).events()).hasSize(1);
    }
}
