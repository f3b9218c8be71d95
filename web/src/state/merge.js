// Pure helpers that fold a freshly polled page into what is already on screen, so that a refresh
// changes only what changed (no flicker, no lost scroll position, no lost "load more" pages).

export function sameList(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x.uuid !== y.uuid || x.created_at !== y.created_at || x.message !== y.message) return false;
    if (x.display_name !== y.display_name || x.handle !== y.handle) return false;
    if ((x.unread || 0) !== (y.unread || 0) || (x.other_read_at || null) !== (y.other_read_at || null)) return false;
  }
  return true;
}

const byActivityDesc = (x, y) => (x.created_at < y.created_at ? 1 : x.created_at > y.created_at ? -1 : 0);
const byTimeAsc = (x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0);

/**
 * Conversations: the fresh first page wins; conversations from older pages already loaded stay below it.
 * Fixed-width UTC times compare correctly as strings.
 */
export function mergeGroups(firstPage, current, keepOlder) {
  if (!keepOlder) return firstPage;
  const seen = new Set(firstPage.map((g) => g.uuid));
  return [...firstPage, ...current.filter((g) => !seen.has(g.uuid))].sort(byActivityDesc);
}

/** Appends older conversations ("load more") without repeating any. */
export function appendGroups(current, olderPage) {
  const seen = new Set(current.map((g) => g.uuid));
  return [...current, ...olderPage.filter((g) => !seen.has(g.uuid))];
}

/**
 * Messages, oldest first: the union of what is shown and the freshly fetched page, by uuid.
 * Returns null when the fresh page does not overlap what is shown although it is full (more messages
 * arrived than one page holds): the caller then starts over from the fresh page.
 */
export function mergeMessages(current, page, pageSize) {
  if (current.length === 0) return page;
  const seen = new Set(current.map((m) => m.uuid));
  const added = page.filter((m) => !seen.has(m.uuid));
  if (added.length === 0) return current;
  if (added.length === page.length && page.length >= pageSize) return null;
  return [...current, ...added].sort(byTimeAsc);
}

/** Prepends an older page of messages. */
export function prependMessages(current, older) {
  const seen = new Set(current.map((m) => m.uuid));
  return [...older.filter((m) => !seen.has(m.uuid)), ...current];
}
