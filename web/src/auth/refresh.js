// Keeping a Cognito session's access token fresh: refreshed with the refresh token shortly before it runs
// out (a timer, see startRefreshScheduler), on first use when it already has (a reload after a while), and
// once on a 401 (api/client.js). A failed refresh ends the session, which sends the person to /signin.
// Local sessions have no refresh token: an expired one simply ends.

import { getConfig } from '../lib/config.js';
import { cognitoRefresh } from './cognito.js';
import { endSession, getSession, isExpired, replaceTokens, subscribe } from './session.js';

/** How long before expiry a token is renewed: a minute, or half its remaining life when that is shorter. */
export const REFRESH_MARGIN_MS = 60 * 1000;

let inFlight = null; // {session, promise}: one refresh at a time for a session

/**
 * Refreshes `session` (the current one); resolves to the renewed session, or null after ending it (the
 * refresh token was refused or the session changed meanwhile). A network failure ends nothing: it rejects.
 */
export function refreshSession(session) {
  if (inFlight && inFlight.session === session) return inFlight.promise;
  const promise = (async () => {
    try {
      const tokens = await cognitoRefresh(getConfig(), session.refreshToken);
      if (getSession() !== session) return getSession();
      return replaceTokens({ token: tokens.accessToken, expiresAt: tokens.expiresAt, refreshToken: tokens.refreshToken });
    } catch (e) {
      if (e && e.status === 0) throw e; // offline: keep the session, the next call tries again
      if (getSession() === session) endSession();
      return null;
    } finally {
      inFlight = null;
    }
  })();
  inFlight = { session, promise };
  return promise;
}

/** The session to call the API with: refreshed first when it is within a few seconds of expiry; or null. */
export async function ensureFreshSession(now = Date.now()) {
  const session = getSession();
  if (!session) return null;
  if (!session.refreshToken) {
    if (isExpired(session)) {
      endSession();
      return null;
    }
    return session;
  }
  if (session.expiresAt && session.expiresAt - now <= 5000) return refreshSession(session);
  return session;
}

/** When the timer should renew `session` (ms from `now`), or null when it cannot be refreshed. */
export function refreshDelay(session, now = Date.now()) {
  if (!session || !session.refreshToken || !session.expiresAt) return null;
  const left = session.expiresAt - now;
  return Math.max(0, left - Math.min(REFRESH_MARGIN_MS, left / 2));
}

let timer = null;
let stopScheduler = null;

/** Starts renewing the session's access token before it expires (cognito mode); returns a stop function. */
export function startRefreshScheduler() {
  if (stopScheduler) return stopScheduler;
  let scheduledFor = null;
  const plan = () => {
    const session = getSession();
    if (session === scheduledFor) return;
    clearTimeout(timer);
    timer = null;
    scheduledFor = session;
    const delay = refreshDelay(session);
    if (delay === null) return;
    timer = setTimeout(() => {
      timer = null;
      if (getSession() !== session) return;
      refreshSession(session).catch(() => {
        // Offline: try again in 30 s (or on the next API call).
        scheduledFor = null;
        timer = setTimeout(plan, 30 * 1000);
      });
    }, delay);
  };
  const unsubscribe = subscribe(plan);
  plan();
  stopScheduler = () => {
    unsubscribe();
    clearTimeout(timer);
    timer = null;
    stopScheduler = null;
  };
  return stopScheduler;
}
