// The live list of events, newest first and bounded, so a busy topic cannot grow the page forever.

import { clockTime, element, readableData, trimChildren } from './format.js';

/** Hub signals: shown, but set apart from published events. */
const SIGNALS = new Set(['gap', 'credentials-expiring']);

export class EventList {
  constructor(list, limit = 200) {
    this.list = list;
    this.limit = limit;
  }

  add(event, receivedAt = new Date()) {
    this.list.prepend(eventItem(event, receivedAt));
    trimChildren(this.list, this.limit, false);
  }

  clear() {
    this.list.replaceChildren();
  }
}

function eventItem(event, receivedAt) {
  const item = element('li', {
    className: SIGNALS.has(event.type) ? 'event signal' : 'event',
    data: { type: event.type, id: event.id },
  });
  const time = element('time', { className: 'event-time', dateTime: receivedAt.toISOString(), textContent: clockTime(receivedAt) });
  const meta = element('div', { className: 'event-meta' },
    time,
    element('span', { className: 'event-type', textContent: event.type }),
    element('span', { className: 'event-id', textContent: event.id }));
  item.append(meta, element('pre', { className: 'event-data', textContent: readableData(event) }));
  return item;
}
