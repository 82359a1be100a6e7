// Three classic uses of a stream, each fed by one or two event types on the watched topics.

import { clockTime, element, objectData, trimChildren } from './format.js';

/** `notification` {"title", "message"}: newest first, a bounded list. */
export class NotificationList {
  constructor(list, limit = 20) {
    this.list = list;
    this.limit = limit;
  }

  show(event, receivedAt = new Date()) {
    const data = objectData(event);
    const title = text(data?.title) || 'Notification';
    const message = data ? text(data.message) : event.data;
    const item = element('li', { className: 'notification' },
      element('strong', { className: 'notification-title', textContent: title }),
      element('time', { className: 'notification-time', dateTime: receivedAt.toISOString(), textContent: clockTime(receivedAt) }),
      element('p', { className: 'notification-message', textContent: message }));
    this.list.prepend(item);
    trimChildren(this.list, this.limit, false);
  }
}

/** `progress` {"percent", "label"} moves the bar; `complete` {"message"} fills it and says so. */
export class ProgressDemo {
  constructor(bar, label) {
    this.bar = bar;
    this.label = label;
  }

  progress(event) {
    const data = objectData(event);
    const percent = Number(data?.percent);
    const label = text(data?.label);
    this.bar.classList.remove('complete');
    if (data?.percent != null && Number.isFinite(percent)) {
      const value = Math.min(100, Math.max(0, percent));
      this.bar.value = value;
      this.label.textContent = label ? `${label} — ${formatPercent(value)}` : formatPercent(value);
    } else {
      // no usable percent: an indeterminate bar still shows that work goes on
      this.bar.removeAttribute('value');
      this.label.textContent = label || 'working…';
    }
  }

  complete(event) {
    const data = objectData(event);
    this.bar.value = 100;
    this.bar.classList.add('complete');
    this.label.textContent = (data ? text(data.message) : event.data) || 'complete';
  }
}

/** `log` {"level", "message", "time"}: newest at the bottom, following it unless scrolled up. */
export class LogView {
  constructor(view, limit = 500) {
    this.view = view;
    this.limit = limit;
  }

  append(event, receivedAt = new Date()) {
    const data = objectData(event);
    const level = (text(data?.level) || 'info').toLowerCase();
    const following = this.isAtBottom();
    const line = element('div', { className: `log-line level-${cssToken(level)}` },
      element('span', { className: 'log-time', textContent: logTime(data?.time, receivedAt) }),
      element('span', { className: 'log-level', textContent: level.toUpperCase() }),
      element('span', { className: 'log-message', textContent: data ? text(data.message) : event.data }));
    this.view.append(line);
    trimChildren(this.view, this.limit, true);
    if (following) this.view.scrollTop = this.view.scrollHeight;
  }

  /** Someone reading older lines is not yanked down; one at the bottom keeps following. */
  isAtBottom() {
    const { scrollTop, scrollHeight, clientHeight } = this.view;
    return scrollHeight - scrollTop - clientHeight < 24;
  }
}

function text(value) {
  if (value == null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function formatPercent(value) {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} %`;
}

/** The publisher's time when it gave one (ISO text or epoch ms), else when it arrived. */
function logTime(time, receivedAt) {
  const given = typeof time === 'number' || typeof time === 'string' ? new Date(time) : undefined;
  if (given && !Number.isNaN(given.getTime())) return clockTime(given);
  return typeof time === 'string' && time ? time : clockTime(receivedAt);
}

function cssToken(level) {
  return level.replace(/[^a-z0-9-]/g, '') || 'info';
}
