// Vue binding of the SSE Hub client: a composable, one stream per effect scope.
//
//   import { useEventStream } from 'sse-hub-client/vue';
//   const { state, events, last, error } = useEventStream('/api/stream', () => ({ topics: [topic.value] }));
//
// Vue 3.3+ is a peer dependency, imported by its bare name; no build step.

import { getCurrentScope, onScopeDispose, ref, shallowRef, toValue, unref, watch } from 'vue';
import { connect } from './sse-hub-client.js';

/**
 * Keeps a stream open until the calling scope (a component's setup, an `effectScope`) is
 * disposed, or until `close()`.
 *
 * `url` and `options` may be plain values, refs or getters, and each option may be a ref. The stream
 * is opened again when the url, `topics`, `token` (a string; a token function may change identity
 * freely), `mode`, `withCredentials` or `types` change. `lastEventId`, `retryMs` and `maxDelayMs`
 * are read when connecting; `max` whenever an event arrives.
 *
 * @param {string|import('vue').MaybeRefOrGetter<string>} url the hub's stream endpoint
 * @param {object|import('vue').MaybeRefOrGetter<object>} [options] everything `connect` takes, and
 *   `types` (event types to collect, ['message']; ['*'] for all) and `max` (events kept, 100)
 * @returns {{state, events, last, error, client, close: () => void}} refs; `events` is replaced on
 *   each event, never mutated in place
 */
export function useEventStream(url, options = {}) {
  const state = ref('connecting');
  const events = shallowRef([]);
  const last = shallowRef(undefined);
  const error = shallowRef(undefined);
  const client = shallowRef(null);
  const current = () => unwrap(toValue(options));
  // where the last stream to this URL stopped: a new token or topics go on from there
  let resumeFrom = { url: undefined, lastEventId: undefined };

  function open() {
    const { types, max, token, ...rest } = current();
    const target = toValue(url);
    const hub = connect(target, {
      ...rest,
      lastEventId: resumeFrom.url === target && resumeFrom.lastEventId ? resumeFrom.lastEventId : rest.lastEventId,
      // the function given last, so a new identity needs no reconnection
      token: typeof token === 'function' ? () => current().token() : token,
    });
    client.value = hub;
    state.value = hub.state;
    events.value = [];
    last.value = undefined;
    error.value = undefined;
    const keepsBeats = keepsHeartbeats(types);
    const keep = (event) => {
      if (event.type === 'heartbeat' && !keepsBeats) return;
      events.value = bounded(events.value, event, current().max ?? 100);
      last.value = event;
    };
    const stops = [
      hub.onStateChange((s) => { state.value = s; }),
      hub.onError((problem) => { error.value = problem; }),
      ...listenedTypes(types).map((type) => hub.on(type, keep)),
    ];
    return () => {
      for (const stop of stops) stop();
      resumeFrom = { url: target, lastEventId: hub.lastEventId };
      hub.close();
      state.value = 'closed';
    };
  }

  // watching a string: a getter that returns an equal new object each time does not reconnect
  const stop = watch(
    () => streamKey(toValue(url), current()),
    (key, previous, onCleanup) => onCleanup(open()),
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(stop);

  // stopping the watcher runs its cleanup, which closes the stream
  return { state, events, last, error, client, close: stop };
}

/** Options whose values are refs are read through; a getter stays a getter (a token function). */
function unwrap(options) {
  return Object.fromEntries(Object.entries(options ?? {}).map(([name, value]) => [name, unref(value)]));
}

function streamKey(url, { topics = [], token, mode, withCredentials = false, types }) {
  const tokenKey = typeof token === 'function' ? { supplier: true } : (token ?? null);
  return JSON.stringify([url, [...topics], tokenKey, mode ?? null, withCredentials, listenedTypes(types)]);
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
