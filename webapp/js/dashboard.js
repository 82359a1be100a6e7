// The live dashboard: one stream on the watched topics feeds the event list, the rate chart and
// the demos; api/stats feeds the connections chart; the form publishes. Every URL is relative,
// so the page works under any context path.

import { StreamSession } from './dashboard/stream-session.js';
import { StatusView } from './dashboard/status-view.js';
import { EventList } from './dashboard/event-list.js';
import { LineChart } from './dashboard/chart.js';
import { SecondBuckets, Samples } from './dashboard/time-series.js';
import { StatsPoller } from './dashboard/stats-poller.js';
import { TokenStore } from './dashboard/token-store.js';
import { PublishForm } from './dashboard/publish-form.js';
import { LogView, NotificationList, ProgressDemo } from './dashboard/demos.js';
import { addressWithTopics, DEFAULT_TOPIC, parseTopics, topicsFromQuery } from './dashboard/topics.js';
import { clockTime, describeRefusal } from './dashboard/format.js';

const WINDOW_MS = 5 * 60 * 1000;
const byId = (id) => document.getElementById(id);

const tokens = new TokenStore();
const status = new StatusView(byId('status'), byId('status-text'), byId('status-detail'));
const events = new EventList(byId('events'), 200);
const notifications = new NotificationList(byId('notifications'));
const progress = new ProgressDemo(byId('progress'), byId('progress-label'));
const log = new LogView(byId('log'));

const rate = new SecondBuckets(WINDOW_MS / 1000);
const connections = new Samples(WINDOW_MS);
const rateChart = new LineChart(byId('chart-rate'), {
  title: 'Events per second', unit: '/s', windowMs: WINDOW_MS, readout: byId('rate-readout'),
});
const connectionsChart = new LineChart(byId('chart-connections'), {
  title: 'Open connections', windowMs: WINDOW_MS, gapMs: 5000, readout: byId('connections-readout'),
});
let connectionsNote = '';

const demoHandlers = {
  notification: (event) => notifications.show(event),
  progress: (event) => progress.progress(event),
  complete: (event) => progress.complete(event),
  log: (event) => log.append(event),
};

const session = new StreamSession('api/stream', {
  onEvent: receive,
  onState: showState,
  onProblem: showProblem,
});

function receive(event) {
  if (event.type === 'heartbeat') return; // proof of life for the client, not news for the reader
  rate.count();
  events.add(event);
  demoHandlers[event.type]?.(event);
  if (event.type === 'credentials-expiring') warnOfExpiry(event);
}

/** The hub closes the stream at the token's `exp`: say when, and what to do about it. */
function warnOfExpiry(event) {
  const exp = Number(event.json?.exp);
  const when = Number.isFinite(exp) ? ` at ${clockTime(new Date(exp * 1000))}` : ' soon';
  status.showDetail(`the token expires${when} and the stream with it — save a fresh token to go on`);
}

function showState(state) {
  status.showState(state);
  if (state === 'open') status.showDetail(watchingSummary());
  else if (state === 'connecting') status.showDetailUnlessSet('connecting…');
}

function watchingSummary() {
  const who = session.token ? 'with your token, private events included' : 'anonymously, public events only';
  return `watching ${session.topics.join(', ')} — ${who}`;
}

function showProblem(problem) {
  if (problem.kind === 'refused') {
    const retrying = problem.status === 429 || problem.status >= 500;
    status.showDetail(`refused: ${describeRefusal(problem.status, problem.body)}${retrying ? ' — retrying' : ' — change the topics or token, then Watch'}`);
  } else if (problem.kind === 'connection') {
    status.showDetail('connection lost — reconnecting, resuming from the last event');
  } else if (problem.kind === 'listener') {
    console.error('dashboard: a view failed on an event', problem.error);
  }
  // 'payload' (data that looks like JSON but is not) is shown as it came; nothing to add
}

function watch(topics) {
  status.showDetail('');
  const previousFirst = session.topics[0];
  session.watch(topics, tokens.token);
  const topicInput = byId('publish-topic');
  if (!topicInput.value.trim() || topicInput.value.trim() === previousFirst) topicInput.value = topics[0];
}

function wireWatchForm() {
  const input = byId('topics');
  const initial = topicsFromQuery(location.search);
  input.value = initial.join(', ');
  byId('publish-topic').value = initial[0];
  byId('watch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const topics = parseTopics(input.value);
    if (topics.length === 0) topics.push(DEFAULT_TOPIC);
    input.value = topics.join(', ');
    history.replaceState(null, '', addressWithTopics(location.href, topics));
    watch(topics);
  });
  return initial;
}

function wireToken(poller) {
  const input = byId('publish-token');
  const state = byId('token-state');
  const showSaved = () => { state.textContent = tokens.token ? 'saved for this tab' : 'not saved'; };
  input.value = tokens.token;
  showSaved();
  input.addEventListener('change', () => tokens.save(input.value));
  byId('token-save').addEventListener('click', () => tokens.save(input.value));
  byId('token-forget').addEventListener('click', () => {
    input.value = '';
    tokens.forget();
    input.focus();
  });
  tokens.onChange((token) => {
    if (input.value.trim() !== token) input.value = token;
    showSaved();
    watch(session.topics); // a new token may see private events: the stream must carry it
    poller.start();
  });
}

/** "Use in the form" buttons of the demos' hints fill the publish form with their example. */
function wireHintButtons() {
  for (const button of document.querySelectorAll('[data-fill-type]')) {
    button.addEventListener('click', () => {
      byId('publish-type').value = button.dataset.fillType;
      byId('publish-data').value = button.dataset.fillData;
      byId('publish-data').focus();
    });
  }
  const endpoint = new URL('api/events', location.href).href;
  for (const place of document.querySelectorAll('.hub-endpoint')) place.textContent = endpoint;
}

function redrawCharts() {
  const now = Date.now();
  rateChart.update(rate.points(now), now);
  if (connectionsNote) connectionsChart.showNote(connectionsNote, now);
  else connectionsChart.update(connections.points(now), now);
  byId('connections-note').hidden = !connectionsNote;
}

const poller = new StatsPoller('api/stats', () => tokens.token, {
  onStats: (stats) => {
    connectionsNote = '';
    connections.add(stats.connections);
    redrawCharts();
  },
  onUnavailable: (reason) => {
    connectionsNote = reason;
    byId('connections-note').textContent = reason;
    redrawCharts();
  },
});

new PublishForm(byId('publish-form'), { endpoint: 'api/events', tokens, beforeSend: () => session.settled() });
wireToken(poller);
wireHintButtons();
byId('events-clear').addEventListener('click', () => events.clear());
watch(wireWatchForm());
poller.start();
redrawCharts();
setInterval(redrawCharts, 1000);

// for debugging from the console; `hub` follows reconnections
window.ssehubDashboard = Object.defineProperty({}, 'hub', { get: () => session.current, enumerable: true });
