// Topics as the page shows them (one comma-separated input) and as the URL carries them
// (`?topic=a&topic=b`, the stream's own query shape, so a dashboard link reads like a stream URL).

export const DEFAULT_TOPIC = 'default';

/** `" a, b,,a "` gives `['a', 'b']`: trimmed, without blanks or repeats. */
export function parseTopics(text) {
  return [...new Set(text.split(',').map((topic) => topic.trim()).filter(Boolean))];
}

export function topicsFromQuery(search) {
  const topics = parseTopics(new URLSearchParams(search).getAll('topic').join(','));
  return topics.length > 0 ? topics : [DEFAULT_TOPIC];
}

/** The same page address with the given topics in its query, other parameters kept. */
export function addressWithTopics(href, topics) {
  const address = new URL(href);
  address.searchParams.delete('topic');
  for (const topic of topics) address.searchParams.append('topic', topic);
  return address.href;
}
