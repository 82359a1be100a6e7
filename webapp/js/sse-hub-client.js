// The SSE Hub client: one stream that survives drops without losing or repeating an event.
//
//   import { connect } from '/js/sse-hub-client.js';
//   const hub = connect('/api/stream', { topics: ['orders'], token });
//   hub.on('status', e => render(e.json));   // e: {type, id, data, json, lastEventId}
//   hub.on('gap', () => reload());
//   hub.onStateChange(state => show(state)); // 'connecting' | 'open' | 'closed'
//   hub.close();
//
// No dependencies and no build step: a plain ES module, served by the hub at /js/.

import { createParser } from './event-stream-parser.js';

export { createParser };

/** Events the hub sends itself, without an id: they always reach the page. */
const SIGNALS = new Set(['gap', 'credentials-expiring', 'heartbeat']);
/** Answers that retrying cannot fix: the stream is closed and stays closed. */
const FINAL_STATUSES = new Set([204, 400, 401, 403, 404]);
const REMEMBERED_IDS = 10000;
/** The backoff's floor: a `retry: 0` must not turn reconnecting into a hot loop while the hub is down. */
const MIN_BACKOFF_MS = 100;
/** The longest delay `setTimeout` keeps: a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Opens a stream and keeps it open until `close()`.
 *
 * @param {string} url the hub's stream endpoint, e.g. '/api/stream'
 * @param {object} [options]
 * @param {string[]} [options.topics] topics to receive (none: the hub's `default`)
 * @param {string|(() => string|Promise<string>)} [options.token] a subscriber token, or a
 *   function called at every (re)connect for a fresh one
 * @param {'fetch'|'eventsource'} [options.mode] default `fetch`; `eventsource` uses the browser's
 *   `EventSource`, which cannot hear event types nobody listens to by name: a '*' listener streams
 *   with `fetch` in either mode
 * @param {string} [options.lastEventId] resume after this id
 * @param {boolean} [options.withCredentials] send cookies across origins
 * @param {number} [options.retryMs] first reconnection delay when the stream sent no `retry:` (1000)
 * @param {number} [options.maxDelayMs] cap of the backoff (30000)
 * @param {number} [options.heartbeatSeconds] the hub's interval, until the stream says it
 * @param {number} [options.connectTimeoutMs] how long to wait for a token, an answer or the first
 *   heartbeat before the interval is known (10000)
 */
export function connect(url, options = {}) {
  return new HubStream(url, options);
}

class HubStream {
  constructor(url, options) {
    this.url = url;
    this.options = options;
    this.mode = options.mode ?? 'fetch';
    if (this.mode !== 'fetch' && this.mode !== 'eventsource') {
      throw new TypeError(`mode must be 'fetch' or 'eventsource', not '${this.mode}'`);
    }
    this.state = 'connecting';
    this.lastEventId = options.lastEventId ?? '';
    this.error = undefined;
    this.listeners = new Map();
    this.stateListeners = new Set();
    this.errorListeners = new Set();
    this.seenIds = new Set();
    this.retryMs = undefined;
    this.heartbeatMs = options.heartbeatSeconds ? options.heartbeatSeconds * 1000 : undefined;
    this.failures = 0;
    this.attempt = null;
    this.reconnectTimer = null;
    this.watchdog = null;
    this.closed = false;
    this.refusedForGood = false;
    this.generation = 0;
    queueMicrotask(() => this.open());
  }

  /** Listens to events of one type ('message' for those without `event:`; '*' for all). */
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    if (type === '*' && this.attempt?.listen) {
      // an EventSource cannot hear every type: go on with fetch from the last id
      this.drop();
      this.open();
    } else {
      this.attempt?.listen?.(type);
    }
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.listeners.get(type)?.delete(listener);
  }

  onStateChange(listener) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Problems the page should know of but that must not throw into it: a bad payload, a refusal. */
  onError(listener) {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /**
   * Hands over a fresh token (say after `credentials-expiring`, or after a `401` closed the stream)
   * and reconnects from the last id. After `close()` it only keeps the token.
   */
  updateToken(token) {
    this.options = { ...this.options, token };
    if (this.closed && !this.refusedForGood) return;
    this.closed = false;
    this.refusedForGood = false;
    this.drop();
    this.open();
  }

  /** Ends the stream for good: no reconnection, no timer left behind. */
  close() {
    if (this.closed) return;
    this.closed = true;
    this.drop();
    this.setState('closed');
  }

  // --- connecting -------------------------------------------------------------------------

  async open() {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    // a later open() (updateToken while a token function is pending) supersedes this one
    const generation = ++this.generation;
    this.setState('connecting');
    let token;
    try {
      token = typeof this.options.token === 'function'
        ? await withDeadline(this.options.token(), this.connectTimeoutMs(), 'the token function did not settle')
        : this.options.token;
    } catch (error) {
      if (generation !== this.generation) return;
      this.report({ kind: 'token', error });
      this.scheduleReconnect();
      return;
    }
    if (this.closed || generation !== this.generation) return;
    this.drop();
    const withFetch = this.mode === 'fetch' || this.listeners.get('*')?.size > 0;
    const attempt = withFetch ? this.openFetch(token) : this.openEventSource(token);
    this.attempt = attempt;
    this.armWatchdog();
  }

  streamUrl(token, withLastId) {
    const target = new URL(this.url, globalThis.location?.href ?? 'http://localhost/');
    for (const topic of this.options.topics ?? []) target.searchParams.append('topic', topic);
    target.searchParams.set('heartbeat', 'event');
    if (token) target.searchParams.set('access_token', token);
    if (withLastId && this.lastEventId) target.searchParams.set('lastEventId', this.lastEventId);
    return target.href;
  }

  openFetch(token) {
    const controller = new AbortController();
    let reader;
    const attempt = {
      stop: () => {
        controller.abort();
        // a fetch of the page's own that ignores the signal still has its body cancelled
        reader?.cancel().catch(() => {});
      },
    };
    const headers = { Accept: 'text/event-stream' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const parser = createParser((event) => this.receive(event, event.id), {
      onRetry: (millis) => { this.retryMs = millis; },
    });
    (async () => {
      let response;
      try {
        response = await fetchImpl(this.streamUrl(null, false), {
          headers,
          cache: 'no-store',
          credentials: this.options.withCredentials ? 'include' : 'same-origin',
          signal: controller.signal,
        });
      } catch (error) {
        if (this.attempt === attempt) this.lost(error);
        return;
      }
      if (this.attempt !== attempt) {
        // answered after close() or a newer attempt: nothing of it reaches the page
        response.body?.cancel().catch(() => {});
        return;
      }
      const type = response.headers.get('Content-Type') ?? '';
      if (response.status !== 200 || !type.toLowerCase().startsWith('text/event-stream')) {
        const body = await response.text().catch(() => '');
        // WHATWG: a 200 that is not an event stream fails the connection for good
        const final = response.status === 200;
        if (this.attempt === attempt) this.refused(response.status, body, response.headers.get('Retry-After'), final);
        return;
      }
      this.opened();
      reader = response.body.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || this.attempt !== attempt) break;
          this.alive();
          parser.push(value);
        }
        parser.end();
        if (this.attempt === attempt) this.lost(new Error('the stream ended'));
      } catch (error) {
        if (this.attempt === attempt) this.lost(error);
      }
    })();
    return attempt;
  }

  openEventSource(token) {
    const EventSourceImpl = this.options.EventSource ?? globalThis.EventSource;
    // the id goes in the query: a new EventSource has no Last-Event-ID of its own to send
    const href = this.streamUrl(token, true);
    const source = new EventSourceImpl(href, { withCredentials: !!this.options.withCredentials });
    const listened = new Set();
    let opened = false;
    const attempt = {
      probe: null,
      stop: () => {
        source.close();
        attempt.probe?.abort();
      },
      listen: (type) => {
        if (type === '*' || listened.has(type)) return;
        listened.add(type);
        source.addEventListener(type, (e) => {
          if (this.attempt !== attempt) return;
          this.alive();
          this.receive({ type, data: e.data, lastEventId: e.lastEventId }, SIGNALS.has(type) ? undefined : e.lastEventId);
        });
      },
    };
    for (const type of ['message', ...SIGNALS, ...this.listeners.keys()]) attempt.listen(type);
    source.onopen = () => {
      if (this.attempt !== attempt) return;
      opened = true;
      this.opened();
    };
    source.onerror = () => {
      if (this.attempt !== attempt) return;
      source.close();
      if (opened) {
        this.lost(new Error('the stream was cut'));
      } else {
        // EventSource hides the status of a refusal: ask once with fetch, then decide
        this.probe(href, attempt);
      }
    };
    return attempt;
  }

  /** HEAD answers with the status a GET would, and opens no stream on the hub. */
  async probe(href, attempt) {
    const controller = new AbortController();
    attempt.probe = controller;
    try {
      const response = await fetch(href, {
        method: 'HEAD',
        headers: { Accept: 'text/event-stream' },
        credentials: this.options.withCredentials ? 'include' : 'same-origin',
        signal: controller.signal,
      });
      const body = response.status === 200 ? '' : await response.text().catch(() => '');
      controller.abort();
      if (this.attempt !== attempt) return;
      if (response.status === 200) {
        this.lost(new Error('the stream failed'));
      } else {
        this.refused(response.status, body, response.headers.get('Retry-After'));
      }
    } catch (error) {
      if (this.attempt === attempt) this.lost(error);
    }
  }

  // --- what the stream does ---------------------------------------------------------------

  opened() {
    this.openedAt = Date.now();
    this.error = undefined;
    this.setState('open');
    this.armWatchdog();
  }

  receive(event, ownId) {
    const id = ownId ?? '';
    if (id !== '') {
      if (this.seenIds.has(id)) return; // replayed after a reconnect: the page has it already
      this.remember(id);
      this.lastEventId = id;
    }
    if (event.type === 'heartbeat') {
      const seconds = safeJson(event.data)?.seconds;
      if (Number.isFinite(seconds) && seconds > 0) {
        this.heartbeatMs = seconds * 1000;
        this.armWatchdog();
      }
    }
    const delivered = {
      type: event.type,
      id,
      data: event.data,
      json: this.parse(event),
      lastEventId: this.lastEventId,
    };
    for (const listener of [...(this.listeners.get(event.type) ?? []), ...(this.listeners.get('*') ?? [])]) {
      try {
        listener(delivered);
      } catch (error) {
        this.report({ kind: 'listener', event: delivered, error });
      }
    }
  }

  parse(event) {
    const text = event.data;
    try {
      return JSON.parse(text);
    } catch (error) {
      if (/^\s*[[{"]/.test(text)) this.report({ kind: 'payload', event, error });
      return undefined;
    }
  }

  remember(id) {
    this.seenIds.add(id);
    if (this.seenIds.size > REMEMBERED_IDS) {
      this.seenIds.delete(this.seenIds.values().next().value);
    }
  }

  /** Anything arrived: the stream is alive for two more heartbeats. */
  alive() {
    this.armWatchdog();
  }

  /**
   * Open: two heartbeats of silence mean the stream is gone, though no close came. Connecting: a
   * request that gets no answer as long (it may have gone out on a dead pooled connection) is
   * given up too. Before the interval is known, either waits `connectTimeoutMs` (10 s): the hub
   * sends a heartbeat as soon as a stream opens, so an open stream that brings none is stalled
   * (a buffering proxy).
   */
  armWatchdog() {
    clearTimeout(this.watchdog);
    if (this.closed || !this.attempt) return;
    const limit = this.heartbeatMs ? 2 * this.heartbeatMs + 500 : this.connectTimeoutMs();
    const attempt = this.attempt;
    this.watchdog = setTimeout(() => {
      if (this.attempt === attempt) this.lost(new Error(this.state === 'open' ? 'no heartbeat for two intervals' : 'no answer'));
    }, limit);
  }

  connectTimeoutMs() {
    return this.options.connectTimeoutMs ?? 10000;
  }

  lost(error) {
    if (this.closed) return;
    this.drop();
    this.report({ kind: 'connection', error });
    this.scheduleReconnect();
  }

  refused(status, body, retryAfter, final = false) {
    this.drop();
    this.error = { status, body: safeJson(body) ?? body };
    this.report({ kind: 'refused', status, body: this.error.body });
    if (final || FINAL_STATUSES.has(status)) {
      this.closed = true;
      this.refusedForGood = true;
      this.setState('closed');
      return;
    }
    this.scheduleReconnect(retryAfterMs(retryAfter));
  }

  /** Capped exponential backoff with jitter, starting over after a stream that stayed open. */
  scheduleReconnect(atLeastMs) {
    if (this.closed) return;
    const base = Math.max(MIN_BACKOFF_MS, this.retryMs ?? this.options.retryMs ?? 1000);
    if (this.openedAt && Date.now() - this.openedAt >= Math.max(1000, base)) this.failures = 0;
    this.openedAt = undefined;
    const cap = this.options.maxDelayMs ?? 30000;
    const exponential = Math.min(cap, base * 2 ** this.failures);
    const delay = Math.min(MAX_TIMER_MS, Math.max(atLeastMs ?? 0, exponential / 2 + Math.random() * exponential / 2));
    this.failures++;
    this.setState('connecting');
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  drop() {
    clearTimeout(this.watchdog);
    clearTimeout(this.reconnectTimer);
    const attempt = this.attempt;
    this.attempt = null;
    attempt?.stop();
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state);
      } catch (error) {
        this.report({ kind: 'listener', error });
      }
    }
  }

  report(problem) {
    if (this.errorListeners.size === 0) {
      if (problem.kind !== 'connection') console.warn('sse-hub-client:', problem.kind, problem.error ?? problem.status);
      return;
    }
    for (const listener of [...this.errorListeners]) {
      try {
        listener(problem);
      } catch {
        // a failing error listener must not stop the stream either
      }
    }
  }
}

/** `Retry-After` as seconds or as an HTTP date (RFC 9110), in milliseconds from now; else undefined. */
function retryAfterMs(value) {
  if (!value) return undefined;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Rejects with `message` if `promise` has not settled within `millis`. */
function withDeadline(promise, millis, message) {
  let timer;
  const deadline = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), Math.min(MAX_TIMER_MS, millis));
  });
  return Promise.race([Promise.resolve(promise), deadline]).finally(() => clearTimeout(timer));
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
