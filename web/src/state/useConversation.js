import { useCallback, useEffect, useRef, useState } from 'react';
import { listMessages, PAGE_SIZE_MESSAGES } from '../api/cruddur.js';
import { usePolling } from '../lib/usePolling.js';
import { applyToConversation } from '../live/events.js';
import { shouldPoll } from '../live/reconnect.js';
import { POLL_MS } from './useMessageGroups.js';
import { mergeMessages, prependMessages } from './merge.js';

/**
 * One conversation's messages (oldest first): the latest page, older pages on demand, stream frames
 * applied as they come (live/events.js: new messages, the other's read marker, typing), polling while
 * the stream is not open, and my sent messages added at once. status: loading | ready | notfound | error.
 */
export function useConversation(groupUuid, initialMessages = [], live = null, me = null) {
  const [state, setState] = useState(() => ({
    items: initialMessages,
    olderCursor: null,
    status: 'loading',
    otherReadAt: null,
    typing: null,
  }));
  const [loadingOlder, setLoadingOlder] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const refresh = useCallback(
    async (signal) => {
      try {
        const { items, nextCursor } = await listMessages(groupUuid, { signal });
        setState((s) => {
          const merged = mergeMessages(s.items, items, PAGE_SIZE_MESSAGES);
          // First load, or more new messages than a page holds: start over from the latest page.
          if (merged === null) return { ...s, items, olderCursor: nextCursor, status: 'ready' };
          if (s.status !== 'ready') return { ...s, items: merged, olderCursor: nextCursor, status: 'ready' };
          return merged === s.items ? s : { ...s, items: merged };
        });
      } catch (e) {
        if (e.name === 'AbortError') return;
        if (e.status === 404) setState((s) => ({ ...s, status: 'notfound' }));
        else setState((s) => (s.status === 'loading' ? { ...s, status: 'error' } : s));
        throw e;
      }
    },
    [groupUuid],
  );

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal).catch(() => {});
    return () => controller.abort();
  }, [refresh]);

  const ready = state.status === 'ready' || state.status === 'error';
  usePolling(refresh, POLL_MS, ready && (!live || shouldPoll(live.status)));

  const subscribe = live?.subscribe;
  useEffect(() => {
    if (!subscribe) return undefined;
    return subscribe((frame) => {
      if (frame.type === 'resync') {
        refresh().catch(() => {});
        return;
      }
      setState((s) => applyToConversation(s, frame, { groupUuid, me, now: Date.now() }));
    });
  }, [subscribe, refresh, groupUuid, me]);

  // "… is typing" goes away by itself 5 s after the last typing frame.
  const typing = state.typing;
  useEffect(() => {
    if (!typing) return undefined;
    const id = window.setTimeout(
      () => setState((s) => (s.typing === typing ? { ...s, typing: null } : s)),
      Math.max(0, typing.until - Date.now()),
    );
    return () => window.clearTimeout(id);
  }, [typing]);

  /** Loads the next older page; resolves to how many messages it added. */
  const loadOlder = useCallback(async () => {
    const cursor = stateRef.current.olderCursor;
    if (!cursor) return 0;
    setLoadingOlder(true);
    try {
      const { items, nextCursor } = await listMessages(groupUuid, { cursor });
      const shown = new Set(stateRef.current.items.map((m) => m.uuid));
      const added = items.filter((m) => !shown.has(m.uuid)).length;
      setState((s) => ({ ...s, items: prependMessages(s.items, items), olderCursor: nextCursor }));
      return added;
    } finally {
      setLoadingOlder(false);
    }
  }, [groupUuid]);

  /** Shows a message I just sent (the POST /api/messages answer) without waiting for the next poll. */
  const addSent = useCallback((m) => {
    setState((s) => {
      const merged = mergeMessages(s.items, [m], Infinity);
      return merged === s.items ? s : { ...s, items: merged };
    });
  }, []);

  return {
    messages: state.items,
    status: state.status,
    otherReadAt: state.otherReadAt,
    typing: state.typing,
    hasOlder: Boolean(state.olderCursor),
    loadingOlder,
    loadOlder,
    addSent,
    refresh: () => refresh().catch(() => {}),
  };
}
