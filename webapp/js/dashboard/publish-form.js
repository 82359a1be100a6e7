// The publish form: POST api/events with a JSON body, and the hub's answer shown as it came.

import { element, refusalCode } from './format.js';

/** The JSON body for one event; `data` goes as the string typed, optional fields only when set. */
export function publishBody({ topic, type, data, isPrivate, users }) {
  const body = {};
  if (topic.trim()) body.topic = topic.trim();
  if (type.trim()) body.event = type.trim();
  body.data = data;
  if (isPrivate) body.private = true;
  const subjects = users.split(',').map((user) => user.trim()).filter(Boolean);
  if (subjects.length > 0) body.users = subjects;
  return body;
}

export class PublishForm {
  /**
   * @param {HTMLFormElement} form
   * @param {{endpoint: string, tokens: import('./token-store.js').TokenStore, beforeSend?: () => Promise<void>}} options
   *   `beforeSend`: awaited after the token is saved, before the request goes out
   */
  constructor(form, { endpoint, tokens, beforeSend = async () => {} }) {
    this.form = form;
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.beforeSend = beforeSend;
    this.fields = {
      token: form.querySelector('#publish-token'),
      topic: form.querySelector('#publish-topic'),
      type: form.querySelector('#publish-type'),
      data: form.querySelector('#publish-data'),
      isPrivate: form.querySelector('#publish-private'),
      users: form.querySelector('#publish-users'),
    };
    this.submitButton = form.querySelector('#publish-submit');
    this.result = document.getElementById('publish-result');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  async submit() {
    const token = this.fields.token.value.trim();
    this.tokens.save(token);
    const body = publishBody({
      topic: this.fields.topic.value,
      type: this.fields.type.value,
      data: this.fields.data.value,
      isPrivate: this.fields.isPrivate.checked,
      users: this.fields.users.value,
    });
    this.submitButton.disabled = true;
    this.form.setAttribute('aria-busy', 'true');
    try {
      await this.beforeSend();
      await this.send(body, token);
    } finally {
      this.submitButton.disabled = false;
      this.form.removeAttribute('aria-busy');
    }
  }

  async send(body, token) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      this.show('refused', 'Not sent', `the hub could not be reached (${error.message})`);
      return;
    }
    const text = await response.text().catch(() => '');
    const answer = parseJson(text);
    if (response.status === 202 && answer) {
      this.showAccepted(answer);
    } else {
      this.show('refused', `Refused: ${refusalCode(response.status, answer)}`,
        answer?.message ?? (text.trim() || response.statusText));
    }
  }

  showAccepted(answer) {
    const first = Array.isArray(answer) ? answer[0] : answer;
    const topics = (first.topics ?? []).join(', ');
    const recipients = first.recipients === 1 ? '1 recipient' : `${first.recipients} recipients`;
    this.show('ok', `Published ${first.id}`, `to ${topics}, ${recipients} on this node`);
  }

  show(outcome, headline, detail) {
    this.result.classList.remove('ok', 'refused');
    this.result.classList.add(outcome);
    this.result.replaceChildren(element('strong', { textContent: headline }), detail ? ` — ${detail}` : '');
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
