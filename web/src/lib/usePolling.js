import { useEffect, useRef } from 'react';

/**
 * Calls `tick(signal)` every `intervalMs` while the page is visible (and once when it becomes visible
 * again), never two at a time. Stands in for live updates until the WebSocket exists.
 */
export function usePolling(tick, intervalMs, enabled = true) {
  const tickRef = useRef(tick);
  tickRef.current = tick;

  useEffect(() => {
    if (!enabled) return undefined;
    let running = false;
    let stopped = false;
    const controller = new AbortController();
    const run = async () => {
      if (running || stopped || document.visibilityState === 'hidden') return;
      running = true;
      try {
        await tickRef.current(controller.signal);
      } catch {
        // A failed poll is retried on the next tick; a 401 has already ended the session.
      } finally {
        running = false;
      }
    };
    const id = window.setInterval(run, intervalMs);
    const onVisible = () => document.visibilityState === 'visible' && run();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      controller.abort();
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}
