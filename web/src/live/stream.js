// The stream client: a ticket (POST /api/stream/ticket, with the bearer token), then a WebSocket to
// /api/stream?ticket=..&since=.. on this page's own origin (ws: or wss: as the page), reconnecting by the
// policy in reconnect.js. The access token never goes into a URL; a ticket is used once.
//
// createStream({onFrame, onStatus, onRefetch}) -> {start(), stop(), send(obj), status()}
//   onFrame(frame)    every parsed server frame, in order
//   onStatus(status)  the connection status changed (reconnect.js: open, reconnecting, offline, unavailable…)
//   onRefetch()       events may have been missed (first connection, or resync): load everything again

import { getStreamTicket } from '../api/cruddur.js';
import { initialConnection, reduceConnection, streamUrl } from './reconnect.js';

export function createStream({
  onFrame,
  onStatus = () => {},
  onRefetch = () => {},
  getTicket = getStreamTicket,
  WebSocketImpl = globalThis.WebSocket,
  location = globalThis.location,
  win = globalThis.window,
  random = Math.random,
}) {
  let state = initialConnection;
  let socket = null;
  let timer = null;
  let generation = 0; // bumps on every attempt and on stop: late answers of an old attempt are ignored

  function apply(input) {
    const before = state.status;
    const r = reduceConnection(state, input, random);
    state = r.state;
    if (state.status !== before) onStatus(state.status);
    if (r.refetch) onRefetch();
    if (r.retryInMs !== null) {
      clearTimeout(timer);
      timer = setTimeout(connect, r.retryInMs);
    }
  }

  async function connect() {
    clearTimeout(timer);
    timer = null;
    if (state.status === 'stopped' || state.status === 'offline' || socket) return;
    const mine = ++generation;
    apply({ type: 'connect' });
    let ticket;
    try {
      ticket = (await getTicket())?.ticket;
      if (!ticket) throw Object.assign(new Error('no ticket'), { status: 500 });
    } catch (e) {
      if (mine === generation) apply({ type: 'ticket_failed', status: typeof e?.status === 'number' ? e.status : 0 });
      return;
    }
    if (mine !== generation || state.status === 'stopped' || state.status === 'offline') return;
    let ws;
    try {
      ws = new WebSocketImpl(streamUrl(location, ticket, state.since));
    } catch {
      apply({ type: 'closed', code: 1006 });
      return;
    }
    socket = ws;
    ws.onmessage = (e) => {
      if (socket !== ws || typeof e.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (!frame || typeof frame.type !== 'string') return;
      apply({ type: 'frame', frame });
      onFrame(frame);
    };
    ws.onclose = (e) => {
      if (socket !== ws) return;
      socket = null;
      apply({ type: 'closed', code: e.code });
    };
    ws.onerror = () => {}; // a close event follows
  }

  function drop() {
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000);
      } catch {
        // already closing
      }
    }
  }

  const onOffline = () => {
    generation += 1;
    drop();
    apply({ type: 'offline' });
  };
  const onOnline = () => apply({ type: 'online' });

  return {
    start() {
      win?.addEventListener('offline', onOffline);
      win?.addEventListener('online', onOnline);
      if (win?.navigator && win.navigator.onLine === false) apply({ type: 'offline' });
      else connect();
    },
    stop() {
      generation += 1;
      clearTimeout(timer);
      win?.removeEventListener('offline', onOffline);
      win?.removeEventListener('online', onOnline);
      drop();
      apply({ type: 'stop' });
    },
    /** Sends a client frame (typing) when the stream is open; false otherwise. */
    send(obj) {
      if (!socket || socket.readyState !== 1 || state.status !== 'open') return false;
      socket.send(JSON.stringify(obj));
      return true;
    },
    status: () => state.status,
  };
}
