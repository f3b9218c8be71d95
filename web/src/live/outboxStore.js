// The outbox of the signed-in person, kept in localStorage under `cruddur.outbox.<user uuid>` (so it
// survives a reload and is shared by the person's tabs), and the loop that sends it: one message at a
// time, oldest first, each with the client_message_id it was given when written. Any tab may send any
// entry: a repeated id returns the message already stored, so two tabs sending the same entry, or a
// retry after a lost answer, never make a duplicate.
//
// createOutboxStore({userUuid, send, onSent}) -> {subscribe, getSnapshot, enqueue, retry, discard, pump, resume, start, stop}
//   send(entry) -> Promise<stored message>  (POST /api/messages; rejects with ApiError)
//   onSent(entry, message)                   the stored message replaces the entry's placeholder

import { backoffDelay } from './reconnect.js';
import {
  discard as discardEntry,
  enqueue as enqueueEntry,
  markFailed,
  markSending,
  markSent,
  nextToSend,
  requeueTransient,
  restore,
  retry as retryEntry,
  serialize,
} from './outbox.js';

const PREFIX = 'cruddur.outbox.';

export function createOutboxStore({
  userUuid,
  send,
  onSent = () => {},
  storage = globalThis.localStorage,
  win = globalThis.window,
  isOnline = () => globalThis.navigator?.onLine !== false,
}) {
  const key = PREFIX + userUuid;
  const listeners = new Set();
  let list = load();
  let timer = null;
  let busy = false;
  let stopped = true; // until start()

  function load() {
    try {
      return restore(storage?.getItem(key));
    } catch {
      return [];
    }
  }

  function set(next) {
    if (next === list) return;
    list = next;
    try {
      if (list.length) storage?.setItem(key, serialize(list));
      else storage?.removeItem(key);
    } catch {
      // Private mode or full storage: the outbox still lives for this page.
    }
    for (const l of listeners) l();
  }

  async function pump() {
    if (busy || stopped) return;
    busy = true;
    try {
      for (;;) {
        const entry = nextToSend(list, isOnline());
        if (!entry || stopped) return;
        set(markSending(list, entry.id));
        try {
          const message = await send(entry);
          set(markSent(list, entry.id));
          onSent(entry, message);
        } catch (e) {
          const status = typeof e?.status === 'number' ? e.status : 0;
          const code = e?.codes?.[0] || 'network_error';
          const attempts = list.find((x) => x.id === entry.id)?.attempts || 1;
          set(markFailed(list, entry.id, { status, code, online: isOnline() }));
          const again = list.find((x) => x.id === entry.id);
          if (again && again.state === 'pending' && isOnline()) {
            // A transient failure: try again after a pause (the same id, so a lost answer is harmless).
            clearTimeout(timer);
            timer = setTimeout(pump, backoffDelay(attempts));
            return;
          }
        }
      }
    } finally {
      busy = false;
    }
  }

  const onOnline = () => {
    set(requeueTransient(list));
    pump();
  };
  const onStorage = (e) => {
    if (e.key !== key && e.key !== null) return;
    // Another tab changed the outbox: take its list, keeping what this tab has in flight.
    const theirs = load();
    const sending = list.filter((x) => x.state === 'sending');
    const merged = [...theirs.map((x) => sending.find((s) => s.id === x.id) || x)];
    list = merged;
    for (const l of listeners) l();
    pump();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => list,
    /** Queues a message written in a conversation; it shows at once and is sent as soon as it can be. */
    enqueue({ id, groupUuid, text }) {
      set(enqueueEntry(list, { id, groupUuid, text, queuedAt: new Date().toISOString() }));
      pump();
    },
    retry(id) {
      set(retryEntry(list, id));
      pump();
    },
    discard(id) {
      set(discardEntry(list, id));
    },
    pump,
    /** The network (or the stream) is back: queue again what failed for want of it, and send. */
    resume: onOnline,
    /** Follows the network and the other tabs, and sends what is queued (again after stop()). */
    start() {
      stopped = false;
      win?.addEventListener('online', onOnline);
      win?.addEventListener('storage', onStorage);
      pump();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('storage', onStorage);
    },
  };
}
