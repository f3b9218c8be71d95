import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { sendMessage } from '../api/cruddur.js';
import { createOutboxStore } from './outboxStore.js';
import { createStream } from './stream.js';

const EMPTY = [];

/**
 * The live side of the messages screens, started once per signed-in person (MessagesLayout):
 * - the stream (stream.js): `status` ('open' means no polling), `subscribe(fn)` to its frames, and
 *   `send(frame)` for typing. A `{type: 'resync'}` frame is also delivered when everything should be
 *   loaded again (the first connection, or the server said so).
 * - `dispatch(frame)`: applies a frame of our own making to every subscriber (a sent message's answer
 *   arrives as a `message.created`, so the list and the conversation take it the same way as a pushed one).
 * - the outbox (outboxStore.js): `outbox` (the entries), `enqueue`, `retry`, `discard`.
 * - `online`: what the browser says about the network.
 */
export function useLive(me) {
  const subscribers = useRef(new Set());
  const [status, setStatus] = useState('idle');
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine !== false);
  const streamRef = useRef(null);

  const dispatch = useCallback((frame) => {
    for (const fn of subscribers.current) fn(frame);
  }, []);

  const subscribe = useCallback((fn) => {
    subscribers.current.add(fn);
    return () => subscribers.current.delete(fn);
  }, []);

  const outbox = useMemo(
    () =>
      me
        ? createOutboxStore({
            userUuid: me.uuid,
            send: (e) => sendMessage({ message: e.text, messageGroupUuid: e.groupUuid, clientMessageId: e.id }),
            onSent: (_, message) => {
              if (message && message.message_group_uuid) dispatch({ type: 'message.created', message, local: true });
            },
          })
        : null,
    [me?.uuid, dispatch], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => {
    if (!outbox) return undefined;
    outbox.start();
    return () => outbox.stop();
  }, [outbox]);

  useEffect(() => {
    if (!me) return undefined;
    const stream = createStream({
      onFrame: dispatch,
      onStatus: (s) => {
        setStatus(s);
        if (s === 'open') outbox?.resume();
      },
      onRefetch: () => dispatch({ type: 'resync', local: true }),
    });
    streamRef.current = stream;
    stream.start();
    return () => {
      stream.stop();
      streamRef.current = null;
    };
  }, [me?.uuid, dispatch, outbox]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  const entries = useSyncExternalStore(
    outbox ? outbox.subscribe : noSubscribe,
    outbox ? outbox.getSnapshot : emptySnapshot,
    emptySnapshot,
  );

  const send = useCallback((frame) => Boolean(streamRef.current?.send(frame)), []);

  return useMemo(
    () => ({
      status,
      online,
      subscribe,
      dispatch,
      send,
      outbox: entries,
      enqueue: (e) => outbox?.enqueue(e),
      retry: (id) => outbox?.retry(id),
      discard: (id) => outbox?.discard(id),
    }),
    [status, online, subscribe, dispatch, send, entries, outbox],
  );
}

function noSubscribe() {
  return () => {};
}
function emptySnapshot() {
  return EMPTY;
}
