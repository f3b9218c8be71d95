// The outbox: messages I wrote that the server has not confirmed yet. Pure functions over a list (oldest
// first) of entries {id, groupUuid, text, queuedAt, state, attempts, error}:
//   id        the client_message_id, fixed when the message is written and reused by every retry, so the
//             server stores it once however often it is sent (a repeated id returns the same message)
//   state     'pending' (waiting its turn, or for the network), 'sending' (one request in flight),
//             'failed' (the server refused it, or it kept failing: shown "not sent — retry")
// One message is sent at a time, oldest first, so a conversation's messages are stored in the order they
// were written. The list is kept in localStorage (outboxStorage.js) and so survives a reload.

/** A send that failed this many times in a row (network, 429, 5xx) while online shows "not sent". */
export const MAX_AUTOMATIC_ATTEMPTS = 3;

export function enqueue(list, { id, groupUuid, text, queuedAt }) {
  if (list.some((e) => e.id === id)) return list;
  return [...list, { id, groupUuid, text, queuedAt, state: 'pending', attempts: 0, error: null }];
}

/** The entry to send now, or null: none while one is in flight or while offline. */
export function nextToSend(list, online) {
  if (!online || list.some((e) => e.state === 'sending')) return null;
  return list.find((e) => e.state === 'pending') || null;
}

const update = (list, id, fn) => {
  const i = list.findIndex((e) => e.id === id);
  if (i < 0) return list;
  const next = fn(list[i]);
  return next === list[i] ? list : list.map((e, k) => (k === i ? next : e));
};

export function markSending(list, id) {
  return update(list, id, (e) => ({ ...e, state: 'sending', attempts: e.attempts + 1 }));
}

/** The server stored it: the entry goes; its placeholder is replaced by the stored message. */
export function markSent(list, id) {
  return list.filter((e) => e.id !== id);
}

/** Whether a failed send is worth repeating by itself: the network, rate limiting, the server's trouble. */
export function isTransient(status) {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * A send failed with HTTP `status` (0: no answer) and error `code`. Offline, or a transient failure not yet
 * repeated MAX_AUTOMATIC_ATTEMPTS times: pending again (sent again later with the same id). Otherwise
 * failed, until the person retries.
 */
export function markFailed(list, id, { status, code, online }) {
  return update(list, id, (e) => {
    if (isTransient(status) && (!online || e.attempts < MAX_AUTOMATIC_ATTEMPTS)) {
      return { ...e, state: 'pending', error: null, attempts: online ? e.attempts : 0 };
    }
    return { ...e, state: 'failed', error: code || 'network_error' };
  });
}

/** "Retry": the same entry (same id) goes back in the queue. */
export function retry(list, id) {
  return update(list, id, (e) => (e.state === 'failed' ? { ...e, state: 'pending', attempts: 0, error: null } : e));
}

/** The network came back: messages that failed only for want of it are queued again. */
export function requeueTransient(list) {
  let changed = false;
  const next = list.map((e) => {
    if (e.state !== 'failed' || e.error !== 'network_error') return e;
    changed = true;
    return { ...e, state: 'pending', attempts: 0, error: null };
  });
  return changed ? next : list;
}

/** "Discard" a failed message. */
export function discard(list, id) {
  return list.filter((e) => e.id !== id || e.state !== 'failed');
}

/** Parses what was stored; a send in flight when the page went away is sent again (same id). */
export function restore(raw) {
  let parsed;
  try {
    parsed = JSON.parse(raw || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((e) => e && typeof e.id === 'string' && typeof e.groupUuid === 'string' && typeof e.text === 'string')
    .map((e) => ({
      id: e.id,
      groupUuid: e.groupUuid,
      text: e.text,
      queuedAt: typeof e.queuedAt === 'string' ? e.queuedAt : new Date(0).toISOString(),
      state: e.state === 'failed' ? 'failed' : 'pending',
      attempts: 0,
      error: e.state === 'failed' ? e.error || 'network_error' : null,
    }));
}

export function serialize(list) {
  return JSON.stringify(list.map(({ id, groupUuid, text, queuedAt, state, error }) => ({ id, groupUuid, text, queuedAt, state, error })));
}

/** How long before the queued time a stored message may be dated and still be this entry (clock skew). */
export const SKEW_MS = 5 * 60 * 1000;

/**
 * The placeholders to show at the end of a conversation: its entries, less those whose stored message is
 * already shown (stored, but the answer is not in yet: a stream frame or a reload brought it first). An
 * entry is matched to my shown message with the same text dated from its queued time on, each message
 * matched once, so the conversation never shows a message twice.
 */
export function placeholders(list, groupUuid, items, me) {
  const mine = list.filter((e) => e.groupUuid === groupUuid);
  if (mine.length === 0) return mine;
  const used = new Set();
  const shown = [];
  for (const e of mine) {
    const from = new Date(Date.parse(e.queuedAt) - SKEW_MS).toISOString();
    const match = items.find(
      (m) => m.handle === me && !used.has(m.uuid) && m.message === e.text.trim() && isoOf(m.created_at) >= from,
    );
    if (match) used.add(match.uuid);
    else shown.push(e);
  }
  return shown.length === mine.length ? mine : shown;
}

function isoOf(t) {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}
