import { useCallback, useEffect, useRef, useState } from 'react';
import { listMessages, PAGE_SIZE_MESSAGES } from '../api/cruddur.js';
import { usePolling } from '../lib/usePolling.js';
import { POLL_MS } from './useMessageGroups.js';
import { mergeMessages, prependMessages } from './merge.js';

/**
 * One conversation's messages (oldest first): the latest page, older pages on demand, new messages by
 * polling, and my sent messages added at once. status: loading | ready | notfound | error.
 */
export function useConversation(groupUuid, initialMessages = []) {
  const [state, setState] = useState(() => ({
    items: initialMessages,
    olderCursor: null,
    status: 'loading',
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
          if (merged === null) return { items, olderCursor: nextCursor, status: 'ready' };
          if (s.status !== 'ready') return { items: merged, olderCursor: nextCursor, status: 'ready' };
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

  usePolling(refresh, POLL_MS, state.status === 'ready' || state.status === 'error');

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
    hasOlder: Boolean(state.olderCursor),
    loadingOlder,
    loadOlder,
    addSent,
    refresh: () => refresh().catch(() => {}),
  };
}
