// Small pure helpers shared by the dashboard's views.

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** `07:48:53.123`: milliseconds matter when several events land in one second. */
export function clockTime(date) {
  return `${clock.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** The event's data as it should be read: JSON objects and arrays pretty-printed, the rest as sent. */
export function readableData(event) {
  const json = event.json;
  if (json !== null && typeof json === 'object') return JSON.stringify(json, null, 2);
  return event.data;
}

/** The parsed data when it is a JSON object, else undefined: what the demos expect. */
export function objectData(event) {
  const json = event.json;
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
}

/** Builds an element; `props` are properties (className, textContent, dataset entries under `data`). */
export function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { data, ...rest } = props;
  Object.assign(node, rest);
  for (const [key, value] of Object.entries(data ?? {})) node.dataset[key] = value;
  node.append(...children);
  return node;
}

/** Keeps at most `limit` children, dropping from the end that holds the oldest. */
export function trimChildren(parent, limit, oldestFirst) {
  while (parent.childElementCount > limit) {
    (oldestFirst ? parent.firstElementChild : parent.lastElementChild).remove();
  }
}

/** The short form of a refusal: `401 unauthorized`. */
export function refusalCode(status, body) {
  const code = body && typeof body === 'object' ? body.error : undefined;
  return code ? `${status} ${code}` : String(status);
}

/** A refusal as one line: `401 unauthorized: the token has expired`. */
export function describeRefusal(status, body) {
  const message = body && typeof body === 'object' ? body.message : undefined;
  return refusalCode(status, body) + (message ? `: ${message}` : '');
}
