import { useCallback, useEffect, useRef, useState } from 'react';
import { getUnreadCounter, listMessageGroups } from '../api/cruddur.js';
import { usePolling } from '../lib/usePolling.js';
import { applyReadAnswer, applyToGroups, hiddenUnread } from '../live/events.js';
import { shouldPoll } from '../live/reconnect.js';
import { appendGroups, mergeGroups, sameList } from './merge.js';

export const POLL_MS = 3000;

let counterRoute = true; // false once GET /api/messages/counter answered 404 (a server without it)

/**
 * My conversation list: first page, "load more", stream frames applied as they come (live/events.js),
 * and a quiet refresh every few seconds while the stream is not open. `hidden`: unread messages in
 * conversations not loaded (from GET /api/messages/counter, asked only when older pages exist).
 */
export function useMessageGroups(live, me) {
  const [state, setState] = useState({ items: [], nextCursor: null, pages: 0, status: 'loading', hidden: 0 });
  const [loadingMore, setLoadingMore] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const refresh = useCallback(async (signal) => {
    const { items, nextCursor } = await listMessageGroups({ signal });
    let counter;
    if (nextCursor && counterRoute) {
      try {
        counter = (await getUnreadCounter({ signal }))?.count;
      } catch (e) {
        if (e.status === 404) counterRoute = false;
        if (e.name === 'AbortError') throw e;
      }
    }
    setState((s) => {
      const keepOlder = s.pages > 1;
      const merged = mergeGroups(items, s.items, keepOlder);
      const cursor = keepOlder ? s.nextCursor : nextCursor;
      const hidden = hiddenUnread(counter, merged);
      if (s.status === 'ready' && sameList(merged, s.items) && cursor === s.nextCursor && hidden === s.hidden) return s;
      return { items: merged, nextCursor: cursor, pages: Math.max(s.pages, 1), status: 'ready', hidden };
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal).catch((e) => {
      if (e.name !== 'AbortError') setState((s) => ({ ...s, status: 'error' }));
    });
    return () => controller.abort();
  }, [refresh]);

  usePolling(refresh, POLL_MS, !live || shouldPoll(live.status));

  const subscribe = live?.subscribe;
  useEffect(() => {
    if (!subscribe) return undefined;
    return subscribe((frame) => {
      if (frame.type === 'resync') {
        refresh().catch(() => {});
        return;
      }
      setState((s) => {
        const items = applyToGroups(s.items, frame, me);
        return items === s.items ? s : { ...s, items };
      });
    });
  }, [subscribe, refresh, me]);

  const loadMore = useCallback(async () => {
    const cursor = stateRef.current.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const { items, nextCursor } = await listMessageGroups({ cursor });
      setState((s) => {
        const all = appendGroups(s.items, items);
        // What the counter counted on the rows now loaded is no longer hidden.
        const added = all.slice(s.items.length).reduce((n, g) => n + (g.unread > 0 ? g.unread : 0), 0);
        return { ...s, items: all, nextCursor, pages: s.pages + 1, hidden: Math.max(0, s.hidden - added) };
      });
    } catch {
      // The button stays; the person can try again.
    } finally {
      setLoadingMore(false);
    }
  }, []);

  /** My read call for a conversation answered {unread, read_at}. */
  const readAnswered = useCallback((groupUuid, answer) => {
    setState((s) => {
      const items = applyReadAnswer(s.items, groupUuid, answer);
      return items === s.items ? s : { ...s, items };
    });
  }, []);

  return {
    groups: state.items,
    status: state.status,
    hidden: state.hidden,
    hasMore: Boolean(state.nextCursor),
    loadingMore,
    loadMore,
    readAnswered,
    refresh: () => refresh().catch(() => {}),
  };
}
