// React binding of the SSE Hub client: one hook, one stream per component.
//
//   import { useEventStream } from 'sse-hub-client/react';
//   const { state, events, last, error } = useEventStream('/api/stream', { topics: ['orders'] });
//
// React is a peer dependency, imported by its bare name; no JSX, no build step.

import { useEffect, useRef, useState } from 'react';
import { connect } from './sse-hub-client.js';

/**
 * Keeps a stream open while the component is mounted.
 *
 * The stream is opened again when `url`, `topics`, `token` (a string; a token function may
 * change identity freely), `mode`, `withCredentials` or `types` change. `lastEventId`, `retryMs`
 * and `maxDelayMs` are read when connecting; `max` whenever an event arrives.
 *
 * @param {string} url the hub's stream endpoint, e.g. '/api/stream'
 * @param {object} [options] everything `connect` takes, and:
 * @param {string[]} [options.types] event types to collect (['message']; ['*'] for all)
 * @param {number} [options.max] how many events to keep (100), oldest dropped first
 * @returns {{state: 'connecting'|'open'|'closed', events: object[], last: object|undefined,
 *   error: object|undefined, client: object|null}}
 */
export function useEventStream(url, options = {}) {
  const latest = useRef(options);
  // where the last stream to this URL stopped: a new token or topics go on from there
  const resumeFrom = useRef({ url: undefined, lastEventId: undefined });
  const [client, setClient] = useState(null);
  const [state, setState] = useState('connecting');
  const [events, setEvents] = useState([]);
  const [error, setError] = useState(undefined);
  const key = streamKey(url, options);

  // declared before the connecting effect, so that effect already sees this render's options
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const { types, max, token, ...rest } = latest.current;
    const previous = resumeFrom.current;
    const hub = connect(url, {
      ...rest,
      lastEventId: previous.url === url && previous.lastEventId ? previous.lastEventId : rest.lastEventId,
      // the function of the latest render, so a new identity needs no reconnection
      token: typeof token === 'function' ? () => latest.current.token() : token,
    });
    setClient(hub);
    setState(hub.state);
    setEvents([]);
    setError(undefined);
    const keepsBeats = keepsHeartbeats(types);
    const keep = (event) => {
      if (event.type === 'heartbeat' && !keepsBeats) return;
      setEvents((kept) => bounded(kept, event, latest.current.max ?? 100));
    };
    const stops = [
      hub.onStateChange(setState),
      hub.onError((problem) => setError(problem)),
      ...listenedTypes(types).map((type) => hub.on(type, keep)),
    ];
    // also the StrictMode rehearsal: the first connection is closed before it has opened
    return () => {
      for (const stop of stops) stop();
      resumeFrom.current = { url, lastEventId: hub.lastEventId };
      hub.close();
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps -- the key stands for url and options

  return { state, events, last: events[events.length - 1], error, client };
}

function streamKey(url, { topics = [], token, mode, withCredentials = false, types } = {}) {
  const tokenKey = typeof token === 'function' ? { supplier: true } : (token ?? null);
  return JSON.stringify([url, topics, tokenKey, mode ?? null, withCredentials, listenedTypes(types)]);
}

/** '*' already brings every type; listening to others beside it would deliver twice. */
function listenedTypes(types = ['message']) {
  return types.includes('*') ? ['*'] : [...new Set(types)];
}

/** Heartbeats only say the stream lives: under '*' they would push the events out of the list. */
function keepsHeartbeats(types = ['message']) {
  return types.includes('heartbeat');
}

function bounded(kept, event, max) {
  const next = [...kept, event];
  return next.length > max ? next.slice(next.length - max) : next;
}
