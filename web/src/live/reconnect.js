// The stream's connection policy, as a pure reducer: (state, input) -> {state, refetch, retryInMs}.
// stream.js does what it says (timers, the ticket call, the WebSocket).
//
// status: 'idle' (not started) | 'connecting' | 'open' | 'reconnecting' (lost; trying again with backoff)
//       | 'offline' (the browser says there is no network: wait for it) | 'unavailable' (the server has no
//         stream, POST /api/stream/ticket answered 404: the app polls, and asks again now and then)
//       | 'stopped' (signed out)
// Polling runs exactly while the status is not 'open'.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30000;
/** How often to ask again for a ticket when the server has no stream (today's server). */
export const UNAVAILABLE_RETRY_MS = 60000;

/**
 * Delay before the attempt-th reconnection (0-based): exponential from 500 ms, capped at 30 s, with
 * "equal jitter" (half fixed, half random), so that many clients dropped at once do not come back at once.
 */
export function backoffDelay(attempt, random = Math.random) {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export const initialConnection = Object.freeze({ status: 'idle', since: null, attempt: 0, opened: false });

export function shouldPoll(status) {
  return status !== 'open';
}

/**
 * input: {type: 'connect'} | {type: 'frame', frame} | {type: 'closed', code} |
 *        {type: 'ticket_failed', status} | {type: 'offline'} | {type: 'online'} | {type: 'stop'}
 * refetch: load the list and the open conversation again over HTTP (events may have been missed).
 * retryInMs: connect again after that long (null: do not schedule).
 */
export function reduceConnection(state, input, random = Math.random) {
  const out = (next, extra = {}) => ({ state: next, refetch: false, retryInMs: null, ...extra });
  if (state.status === 'stopped') return out(state);
  switch (input.type) {
    case 'connect':
      return out({ ...state, status: state.status === 'idle' ? 'connecting' : state.status });
    case 'frame': {
      const f = input.frame || {};
      const since = typeof f.since === 'string' && f.since ? f.since : state.since;
      if (f.type === 'hello') {
        // Without a position to resume from (the first connection, or after a resync with none) the page
        // may have missed what happened between its HTTP load and now: load again once.
        const refetch = !state.since;
        return out({ ...state, status: 'open', since, attempt: 0, opened: true }, { refetch });
      }
      if (f.type === 'resync') return out({ ...state, since }, { refetch: true });
      return since === state.since ? out(state) : out({ ...state, since });
    }
    case 'closed': {
      if (state.status === 'offline') return out(state);
      // 1001: the server is going away (a restart): come back soon, on the first step of the backoff.
      const attempt = input.code === 1001 ? 0 : state.attempt;
      return out(
        { ...state, status: 'reconnecting', attempt: attempt + 1 },
        { retryInMs: backoffDelay(attempt, random) },
      );
    }
    case 'ticket_failed': {
      if (input.status === 401) return out({ ...state, status: 'stopped' });
      if (input.status === 404 || input.status === 405) {
        return out(
          { ...state, status: 'unavailable', attempt: 0 },
          { retryInMs: Math.round(UNAVAILABLE_RETRY_MS * (0.75 + random() * 0.5)) },
        );
      }
      return out(
        { ...state, status: 'reconnecting', attempt: state.attempt + 1 },
        { retryInMs: backoffDelay(state.attempt, random) },
      );
    }
    case 'offline':
      return out({ ...state, status: 'offline' });
    case 'online':
      // Straight back: the network just returned (the server's replay covers the gap).
      return out({ ...state, status: 'reconnecting', attempt: 0 }, { retryInMs: 0 });
    case 'stop':
      return out({ ...state, status: 'stopped' });
    default:
      return out(state);
  }
}

/** ws: or wss: to /api/stream on this page's own origin. */
export function streamUrl(location, ticket, since) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ ticket });
  if (since) q.set('since', since);
  return `${scheme}//${location.host}/api/stream?${q.toString()}`;
}
