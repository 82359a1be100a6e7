// An event-stream parser that follows the WHATWG rules (HTML, "Server-sent events", "Interpreting
// an event stream"), fed with chunks cut anywhere: inside a line, between a CR and its LF, inside
// a UTF-8 sequence. No dependencies; the same module runs in a browser and in Node.

/**
 * @param {(event: {type: string, data: string, lastEventId: string, id: string|undefined}) => void} onEvent
 *   called for each dispatched event; `id` is the event's own `id:` field (undefined when it had
 *   none), `lastEventId` the stream's last event id as `EventSource` would report it
 * @param {{onRetry?: (millis: number) => void, onComment?: (text: string) => void}} [hooks]
 * @returns {{push: (chunk: Uint8Array|string) => void, end: () => void}}
 */
export function createParser(onEvent, hooks = {}) {
  // decode() drops a leading BOM and keeps a sequence cut by the chunk for the next call
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let afterCR = false;
  let data = '';
  let hasData = false;
  let eventType = '';
  let ownId;
  let lastEventIdBuffer = '';
  let lastEventId = '';
  let started = false;

  function field(name, value) {
    switch (name) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data += value + '\n';
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          lastEventIdBuffer = value;
          ownId = value;
        }
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) hooks.onRetry?.(Number(value));
        break;
      default:
        // unknown fields are ignored
    }
  }

  function dispatch() {
    lastEventId = lastEventIdBuffer;
    if (!hasData) {
      eventType = '';
      ownId = undefined;
      return;
    }
    const event = { type: eventType || 'message', data: data.slice(0, -1), lastEventId, id: ownId };
    data = '';
    hasData = false;
    eventType = '';
    ownId = undefined;
    onEvent(event);
  }

  function line(text) {
    if (text === '') {
      dispatch();
    } else if (text.charCodeAt(0) === 0x3a /* : */) {
      hooks.onComment?.(text.slice(1).replace(/^ /, ''));
    } else {
      const colon = text.indexOf(':');
      if (colon < 0) {
        field(text, '');
      } else {
        const value = text.slice(colon + 1);
        field(text.slice(0, colon), value.charCodeAt(0) === 0x20 ? value.slice(1) : value);
      }
    }
  }

  function consume(text) {
    if (text === '') return; // an empty read, or bytes of a sequence not yet whole: a CR before it still waits for its LF
    let start = 0;
    if (afterCR && text.charCodeAt(0) === 0x0a) {
      start = 1; // the LF of a CRLF whose CR ended the last chunk
    }
    afterCR = false;
    buffer += start ? text.slice(start) : text;
    let from = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      line(buffer.slice(from, i));
      if (c === 0x0d) {
        if (i + 1 === buffer.length) {
          afterCR = true;
        } else if (buffer.charCodeAt(i + 1) === 0x0a) {
          i++;
        }
      }
      from = i + 1;
    }
    buffer = buffer.slice(from);
  }

  return {
    push(chunk) {
      const isText = typeof chunk === 'string';
      let text = isText ? chunk : decoder.decode(chunk, { stream: true });
      if (!started && text.length > 0) {
        started = true;
        // for bytes the decoder has dropped the BOM already; one more would be content
        if (isText && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      consume(text);
    },
    /** The stream ended: an event not yet terminated by a blank line is discarded, as the spec says. */
    end() {
      const rest = decoder.decode();
      if (rest) consume(rest);
      buffer = '';
      data = '';
      hasData = false;
      eventType = '';
      afterCR = false;
    },
  };
}
