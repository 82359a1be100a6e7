// The page's one stream. Watching other topics or with another token means a new stream; the old
// one is closed first, and whatever it still reports is ignored.

import { connect } from '../sse-hub-client.js';

export class StreamSession {
  /**
   * @param {string} url relative, so that the page works under any context path
   * @param {{onEvent: Function, onState: Function, onProblem: Function}} handlers
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.hub = null;
    this.topics = [];
    this.token = '';
  }

  watch(topics, token) {
    const previous = this.hub;
    // Same topics (a token change, or Watch pressed again): resume, so nothing published during
    // the reconnect is missed. New topics: start from now rather than replay an arbitrary slice.
    const resume = previous && sameTopics(previous.topics, topics) ? previous.hub.lastEventId : '';
    this.hub = null;
    previous?.hub.close();
    this.topics = topics;
    this.token = token;
    const hub = connect(this.url, { topics, token: token || undefined, mode: 'fetch', lastEventId: resume || undefined });
    this.hub = { hub, topics };
    this.listen(hub);
    this.handlers.onState(hub.state);
    return hub;
  }

  get current() {
    return this.hub?.hub ?? null;
  }

  /**
   * Resolves once the stream is no longer connecting (or after `timeoutMs`). A publish waits for
   * it: an event published while a new stream is still being set up would never reach the page.
   */
  settled(timeoutMs = 3000) {
    const hub = this.current;
    if (!hub || hub.state !== 'connecting') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const stop = hub.onStateChange((state) => state !== 'connecting' && done());
      function done() {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }

  listen(hub) {
    const isCurrent = () => this.hub?.hub === hub;
    hub.on('*', (event) => isCurrent() && this.handlers.onEvent(event));
    hub.onStateChange((state) => isCurrent() && this.handlers.onState(state));
    hub.onError((problem) => isCurrent() && this.handlers.onProblem(problem));
  }
}

function sameTopics(a, b) {
  return a.length === b.length && a.every((topic) => b.includes(topic));
}
