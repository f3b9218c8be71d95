// Pure functions that apply the stream's events (doc/stream.md; issue 12) to what is on screen:
// event + state -> state, returning the same object when nothing changed (no re-render).
//
// Frames: message.created {message: {uuid, handle, display_name, message, created_at, message_group_uuid}},
// group.updated {group: list row with unread and other_read_at}, group.read {message_group_uuid, reader,
// read_at}, typing {message_group_uuid, handle}. Any event may arrive more than once (retried sends):
// messages are de-duplicated by uuid, and a message no newer than a row's preview changes nothing.
// Fixed-width UTC times compare correctly as strings.

import { mergeMessages } from '../state/merge.js';

export const TYPING_SHOWN_MS = 5000;

const byActivityDesc = (x, y) => (x.created_at < y.created_at ? 1 : x.created_at > y.created_at ? -1 : 0);

/** The conversation a frame is about (message.created carries it in the message, or beside it). */
export function groupOf(frame) {
  return frame.message_group_uuid || frame.message?.message_group_uuid || frame.group?.uuid || null;
}

const later = (a, b) => (!a ? b || null : !b ? a : a > b ? a : b);

function replaceRow(groups, index, row) {
  const rest = groups.filter((_, i) => i !== index);
  return [row, ...rest].sort(byActivityDesc);
}

/**
 * The conversation list (newest activity first) after one frame. `me` is my handle. A message from the
 * other person raises the row's unread count (the group.updated that follows sets the exact figure); mine
 * clears it (sending moves my own read marker).
 */
export function applyToGroups(groups, frame, me) {
  const gid = groupOf(frame);
  const i = gid ? groups.findIndex((g) => g.uuid === gid) : -1;
  switch (frame.type) {
    case 'message.created': {
      const m = frame.message;
      if (!m || !gid) return groups;
      const mine = m.handle === me;
      if (i < 0) {
        // A new conversation. From the other person the message names them; from me (another tab) it
        // does not say with whom: the group.updated for it brings the row.
        if (mine) return groups;
        const row = {
          uuid: gid,
          display_name: m.display_name,
          handle: m.handle,
          message: m.message,
          created_at: m.created_at,
          unread: 1,
          other_read_at: null,
        };
        return [row, ...groups].sort(byActivityDesc);
      }
      const g = groups[i];
      if (m.created_at <= g.created_at) return groups; // a repeat, or older than the preview
      const unread = mine ? 0 : (g.unread || 0) + 1;
      return replaceRow(groups, i, { ...g, message: m.message, created_at: m.created_at, unread });
    }
    case 'group.updated': {
      const row = frame.group;
      if (!row || !row.uuid) return groups;
      if (i < 0) return [row, ...groups].sort(byActivityDesc);
      const g = groups[i];
      if (sameRow(g, row)) return groups;
      // Never step the preview back (a late or replayed row), but take its counts.
      const merged = row.created_at < g.created_at ? { ...g, unread: row.unread, other_read_at: later(g.other_read_at, row.other_read_at) } : { ...g, ...row };
      return replaceRow(groups, i, merged);
    }
    case 'group.read': {
      if (i < 0) return groups;
      const g = groups[i];
      if (frame.reader === me) {
        // I read it in another tab: the badge clears everywhere (a marker short of the newest message
        // leaves the count to the group.updated that follows).
        if (!g.unread || (frame.read_at && frame.read_at < g.created_at)) return groups;
        return groups.map((x, k) => (k === i ? { ...x, unread: 0 } : x));
      }
      const other = later(g.other_read_at, frame.read_at);
      if (other === g.other_read_at) return groups;
      return groups.map((x, k) => (k === i ? { ...x, other_read_at: other } : x));
    }
    default:
      return groups;
  }
}

function sameRow(a, b) {
  return (
    a.uuid === b.uuid &&
    a.message === b.message &&
    a.created_at === b.created_at &&
    a.display_name === b.display_name &&
    a.handle === b.handle &&
    (a.unread || 0) === (b.unread || 0) &&
    (a.other_read_at || null) === (b.other_read_at || null)
  );
}

/** After my read call answered `{unread, read_at}`: the row's badge. */
export function applyReadAnswer(groups, groupUuid, answer) {
  const i = groups.findIndex((g) => g.uuid === groupUuid);
  if (i < 0 || !answer || typeof answer.unread !== 'number' || groups[i].unread === answer.unread) return groups;
  return groups.map((g, k) => (k === i ? { ...g, unread: answer.unread } : g));
}

/**
 * The open conversation `{items, otherReadAt, typing}` (items oldest first; typing null or
 * {handle, until} in ms) after one frame. Frames about other conversations change nothing.
 */
export function applyToConversation(convo, frame, { groupUuid, me, now }) {
  if (groupOf(frame) !== groupUuid) return convo;
  switch (frame.type) {
    case 'message.created': {
      const m = frame.message;
      if (!m) return convo;
      const items = mergeMessages(convo.items, [stripGroup(m)], Infinity);
      // Their message ends their typing.
      const typing = convo.typing && convo.typing.handle === m.handle ? null : convo.typing;
      if (items === convo.items && typing === convo.typing) return convo;
      return { ...convo, items, typing };
    }
    case 'group.updated': {
      const at = later(convo.otherReadAt, frame.group?.other_read_at);
      return at === convo.otherReadAt ? convo : { ...convo, otherReadAt: at };
    }
    case 'group.read': {
      if (frame.reader === me) return convo;
      const at = later(convo.otherReadAt, frame.read_at);
      return at === convo.otherReadAt ? convo : { ...convo, otherReadAt: at };
    }
    case 'typing': {
      if (!frame.handle || frame.handle === me) return convo;
      return { ...convo, typing: { handle: frame.handle, until: now + TYPING_SHOWN_MS } };
    }
    default:
      return convo;
  }
}

function stripGroup(m) {
  // Shown messages have the shape of GET /api/messages (no message_group_uuid), so equal ones compare equal.
  if (!('message_group_uuid' in m)) return m;
  const { message_group_uuid: _, ...rest } = m;
  return rest;
}

/** "bayko is typing…" while the indicator has not expired, else null. */
export function typingText(typing, now) {
  return typing && now < typing.until ? `${typing.handle} is typing…` : null;
}

/** The uuid of my newest message the other person has read (where "Seen" goes), or null. */
export function seenMessageUuid(items, me, otherReadAt) {
  if (!otherReadAt) return null;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const m = items[i];
    if (m.handle === me && m.created_at <= otherReadAt) return m.uuid;
  }
  return null;
}

/**
 * My unread total for the header and the title: the loaded rows' badges, plus `hidden`, the part of
 * GET /api/messages/counter that belongs to conversations not loaded (older pages).
 */
export function unreadTotal(groups, hidden = 0) {
  let n = hidden;
  for (const g of groups) n += g.unread > 0 ? g.unread : 0;
  return n;
}

/** The part of the counter not on the loaded rows (the counter is exact; rows may be a first page only). */
export function hiddenUnread(counter, groups) {
  if (typeof counter !== 'number') return 0;
  return Math.max(0, counter - unreadTotal(groups));
}

/** The tab title: "(3) Cruddur Messages". */
export function titleWithCount(count, base) {
  return count > 0 ? `(${count}) ${base}` : base;
}
