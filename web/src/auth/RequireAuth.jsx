import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { getMe } from '../api/cruddur.js';
import { setNotice } from './notice.js';
import { endSession, getSession, updateUser } from './session.js';
import { useSession } from './useSession.js';

/**
 * Shows its children only with a session; otherwise (never signed in, signed out, or any 401 from the API)
 * goes to /signin, remembering where the person was headed. Checks the token once with /api/me.
 */
export function RequireAuth({ children }) {
  const session = useSession();
  const location = useLocation();
  const token = session?.token;

  useEffect(() => {
    if (!token) return undefined;
    const controller = new AbortController();
    const session = getSession();
    getMe({ signal: controller.signal }).then(updateUser, (e) => {
      // Cognito: the pool user has no Cruddur user (any more); say so on /signin.
      if (e?.status === 403 && e.has?.('user_not_provisioned') && getSession() === session) {
        setNotice('user_not_provisioned');
        endSession();
      }
    });
    return () => controller.abort();
  }, [token]);

  if (!session) {
    const from = location.pathname + location.search;
    return <Navigate to="/signin" replace state={{ from }} />;
  }
  return children;
}

/** For /signin and /signup: someone already signed in goes straight to their messages. */
export function RedirectIfSignedIn({ children }) {
  const session = useSession();
  return session ? <Navigate to="/messages" replace /> : children;
}
