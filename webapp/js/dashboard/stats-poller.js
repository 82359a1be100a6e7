// Polls GET api/stats (admin only) for the connections chart. One request at a time; a token the
// hub refuses is not asked again until the token changes, so a wrong token does not fill the
// console with a 401 every two seconds.

import { refusalCode } from './format.js';

export class StatsPoller {
  /**
   * @param {string} url
   * @param {() => string} token the admin token to send now ('' when none)
   * @param {{onStats: (stats: object) => void, onUnavailable: (reason: string) => void}} handlers
   */
  constructor(url, token, handlers, intervalMs = 2000) {
    this.url = url;
    this.token = token;
    this.handlers = handlers;
    this.intervalMs = intervalMs;
    this.timer = null;
    this.refusedToken = null;
    this.generation = 0;
  }

  start() {
    this.generation++;
    clearTimeout(this.timer);
    this.refusedToken = null;
    this.poll(this.generation);
  }

  async poll(generation) {
    try {
      await this.fetchOnce();
    } finally {
      // a restart while this request was out has scheduled its own loop already
      if (generation === this.generation) this.timer = setTimeout(() => this.poll(generation), this.intervalMs);
    }
  }

  async fetchOnce() {
    const token = this.token();
    if (!token) {
      this.handlers.onUnavailable('needs an admin token');
      return;
    }
    if (token === this.refusedToken) return;
    let response;
    try {
      response = await fetch(this.url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(this.intervalMs * 2),
      });
    } catch {
      this.handlers.onUnavailable('stats unavailable');
      return;
    }
    if (token !== this.token()) return; // the token changed meanwhile: this answer is for the old one
    const body = await response.json().catch(() => undefined);
    if (response.ok && Number.isFinite(body?.connections)) {
      this.handlers.onStats(body);
    } else if (response.status === 401 || response.status === 403) {
      this.refusedToken = token;
      this.handlers.onUnavailable(`needs an admin token (${refusalCode(response.status, body)})`);
    } else {
      this.handlers.onUnavailable(`stats unavailable (${response.status})`);
    }
  }
}
