import { useSyncExternalStore } from 'react';

// One shared clock for relative times ("5m" becomes "6m"), ticking every 30 s while anything listens.
const listeners = new Set();
let now = Date.now();
let timer = null;

function subscribe(listener) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 30 * 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow() {
  return useSyncExternalStore(subscribe, () => now, () => now);
}
