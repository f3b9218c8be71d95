// When to tell the server things it only needs now and then: read markers and typing. Pure.

/** At most one read call per conversation this often. */
export const READ_INTERVAL_MS = 2000;
/** At most one typing frame per conversation this often (the server drops more anyway). */
export const TYPING_INTERVAL_MS = 2000;

/**
 * Whether the open conversation should be marked read: it is on screen and the window has focus, the
 * server has read markers, and its newest message is not the one last marked (or the row shows unread).
 */
export function wantsRead({ onScreen, focused, supported, newestUuid, lastUpTo, unread }) {
  if (!onScreen || !focused || !supported || !newestUuid) return false;
  return newestUuid !== lastUpTo || unread > 0;
}

/**
 * {action: 'send'} now, {action: 'wait', inMs} until 2 s after the last call, or {action: 'none'}.
 * `lastAt`: when the last read call for this conversation was made (ms), or null.
 */
export function planRead(wanted, lastAt, now) {
  if (!wanted) return { action: 'none' };
  if (lastAt === null || lastAt === undefined || now - lastAt >= READ_INTERVAL_MS) return { action: 'send' };
  return { action: 'wait', inMs: lastAt + READ_INTERVAL_MS - now };
}

/** Whether a change of the text should send a typing frame now. */
export function shouldSendTyping(lastAt, now, text) {
  if (!text || !text.trim()) return false;
  return lastAt === null || lastAt === undefined || now - lastAt >= TYPING_INTERVAL_MS;
}
