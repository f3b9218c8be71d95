import { useEffect, useRef, useState } from 'react';
import { markRead } from '../api/cruddur.js';
import { planRead, wantsRead } from './throttle.js';

let readRoute = true; // false once the server answered 404 not_found for the route (no read markers)
const lastCallAt = new Map(); // group uuid -> ms of the last read call (at most one per 2 s, per page)

function useWindowAttention() {
  const get = () => ({
    visible: document.visibilityState !== 'hidden',
    focused: typeof document.hasFocus === 'function' ? document.hasFocus() : true,
  });
  const [attention, setAttention] = useState(get);
  useEffect(() => {
    const update = () => setAttention((a) => {
      const n = get();
      return n.visible === a.visible && n.focused === a.focused ? a : n;
    });
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return attention;
}

/**
 * Marks the open conversation read up to its newest message while it is on screen and the window has
 * focus: at most one call per conversation every 2 s (throttle.js), the answer's unread count going to
 * `onAnswer(answer)`. Does nothing against a server without read markers.
 */
export function useReadMarker({ groupUuid, newestUuid, unread, onAnswer }) {
  const { visible, focused } = useWindowAttention();
  const lastUpTo = useRef(null);
  const [tick, setTick] = useState(0);
  const answerRef = useRef(onAnswer);
  answerRef.current = onAnswer;

  useEffect(() => {
    const wanted = wantsRead({
      onScreen: visible,
      focused,
      supported: readRoute,
      newestUuid,
      lastUpTo: lastUpTo.current,
      unread,
    });
    const plan = planRead(wanted, lastCallAt.get(groupUuid) ?? null, Date.now());
    if (plan.action === 'wait') {
      const id = window.setTimeout(() => setTick((t) => t + 1), plan.inMs);
      return () => window.clearTimeout(id);
    }
    if (plan.action !== 'send') return undefined;
    lastCallAt.set(groupUuid, Date.now());
    lastUpTo.current = newestUuid;
    markRead(groupUuid, newestUuid).then(
      (answer) => answerRef.current?.(answer),
      (e) => {
        if (e?.status === 404 && e.has?.('not_found')) readRoute = false;
      },
    );
    return undefined;
  }, [groupUuid, newestUuid, unread, visible, focused, tick]);
}
