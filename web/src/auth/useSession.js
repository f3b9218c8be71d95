import { useSyncExternalStore } from 'react';
import { getSession, subscribe } from './session.js';

/** The current session (or null); re-renders when it starts or ends, in this tab or another. */
export function useSession() {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
