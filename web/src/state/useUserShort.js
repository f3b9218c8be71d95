import { useEffect, useState } from 'react';
import { getUserShort } from '../api/cruddur.js';

/** A person's short profile by handle: {status: idle|loading|found|notfound|error, user}. */
export function useUserShort(handle) {
  const [state, setState] = useState({ handle: null, status: 'idle', user: null });

  useEffect(() => {
    if (!handle) return undefined;
    const controller = new AbortController();
    setState({ handle, status: 'loading', user: null });
    getUserShort(handle, { signal: controller.signal }).then(
      (user) => setState({ handle, status: 'found', user }),
      (e) => {
        if (e.name === 'AbortError') return;
        setState({ handle, status: e.status === 404 ? 'notfound' : 'error', user: null });
      },
    );
    return () => controller.abort();
  }, [handle]);

  if (!handle) return { status: 'idle', user: null };
  return state.handle === handle ? state : { status: 'loading', user: null };
}
