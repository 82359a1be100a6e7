package dev.ssehub.history;

import java.util.Arrays;

/** A growable circular array: the history's events in order, with access by position. */
final class EventRing {

    private LoggedEvent[] slots = new LoggedEvent[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    LoggedEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return slots[(head + index) & (slots.length - 1)];
    }

    void addLast(LoggedEvent event) {
        if (size == slots.length) {
            grow();
        }
        slots[(head + size) & (slots.length - 1)] = event;
        size++;
    }

    LoggedEvent removeFirst() {
        LoggedEvent first = slots[head];
        slots[head] = null;
        head = (head + 1) & (slots.length - 1);
        size--;
        return first;
    }

    private void grow() {
        LoggedEvent[] larger = new LoggedEvent[slots.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = get(i);
        }
        Arrays.fill(slots, null);
        slots = larger;
        head = 0;
    }
}
