import { useCallback, useEffect, useRef, useState } from 'react';
import { listMessageGroups } from '../api/cruddur.js';
import { usePolling } from '../lib/usePolling.js';
import { appendGroups, mergeGroups, sameList } from './merge.js';

export const POLL_MS = 3000;

/** My conversation list: first page, "load more", and a quiet refresh every few seconds. */
export function useMessageGroups() {
  const [state, setState] = useState({ items: [], nextCursor: null, pages: 0, status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const refresh = useCallback(async (signal) => {
    const { items, nextCursor } = await listMessageGroups({ signal });
    setState((s) => {
      const keepOlder = s.pages > 1;
      const merged = mergeGroups(items, s.items, keepOlder);
      const cursor = keepOlder ? s.nextCursor : nextCursor;
      if (s.status === 'ready' && sameList(merged, s.items) && cursor === s.nextCursor) return s;
      return { items: merged, nextCursor: cursor, pages: Math.max(s.pages, 1), status: 'ready' };
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal).catch((e) => {
      if (e.name !== 'AbortError') setState((s) => ({ ...s, status: 'error' }));
    });
    return () => controller.abort();
  }, [refresh]);

  usePolling(refresh, POLL_MS);

  const loadMore = useCallback(async () => {
    const cursor = stateRef.current.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const { items, nextCursor } = await listMessageGroups({ cursor });
      setState((s) => ({ ...s, items: appendGroups(s.items, items), nextCursor, pages: s.pages + 1 }));
    } catch {
      // The button stays; the person can try again.
    } finally {
      setLoadingMore(false);
    }
  }, []);

  return {
    groups: state.items,
    status: state.status,
    hasMore: Boolean(state.nextCursor),
    loadingMore,
    loadMore,
    refresh: () => refresh().catch(() => {}),
  };
}
