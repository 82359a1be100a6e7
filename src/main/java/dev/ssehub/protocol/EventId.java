package dev.ssehub.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hub-assigned event id, {@code <epoch>-<sequence>}: two decimal numbers compared as a pair.
 * The epoch names the life of the hub that issued the id, so that a hub restarted with an empty
 * memory recognises an id from before instead of taking it for one of its own.
 */
public record EventId(long epoch, long sequence) implements Comparable<EventId> {

    /** The longest id text: two numbers of up to 19 digits and a dash. */
    public static final int MAX_LENGTH = 39;
    private static final Pattern SHAPE = Pattern.compile("\\d{1,19}-\\d{1,19}");

    public EventId {
        if (epoch < 0 || sequence < 0) {
            throw new IllegalArgumentException("epoch and sequence must not be negative");
        }
    }

    /** The id that {@code text} names, or empty when it is not of the hub's shape. */
    public static Optional<EventId> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        try {
            return Optional.of(new EventId(Long.parseLong(text.substring(0, dash)),
                    Long.parseLong(text.substring(dash + 1))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(EventId other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return epoch + "-" + sequence;
    }
}
