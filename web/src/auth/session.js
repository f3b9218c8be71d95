// The signed-in session, kept in localStorage so a reload or a new tab stays signed in.
// A tiny external store: React reads it with useSyncExternalStore (see useSession).
// Other tabs are followed through the `storage` event, so signing out in one tab signs out all.

const KEY = 'cruddur.session';
const listeners = new Set();
let current = read();

function read() {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw);
    if (!s || typeof s.token !== 'string' || !s.user) return null;
    // An expired access token with a refresh token (Cognito) is renewed by auth/refresh.js on first use.
    if (s.expiresAt && Date.now() >= s.expiresAt && !s.refreshToken) return null;
    return s;
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

function write(s) {
  current = s;
  try {
    if (s) window.localStorage.setItem(KEY, JSON.stringify(s));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode or full storage: the session still lives for this page.
  }
  emit();
}

/**
 * The session `{token, user:{uuid, handle, display_name}, expiresAt}` (plus `refreshToken` when signed in
 * with Cognito) or null. Pure (a store snapshot).
 */
export function getSession() {
  return current;
}

/** True when the token's lifetime (expires_in at sign-in) has run out. */
export function isExpired(session) {
  return Boolean(session && session.expiresAt && Date.now() >= session.expiresAt);
}

/**
 * Keeps the answer of /api/auth/signin or /api/auth/signup; a Cognito sign-in also gives `refresh_token`
 * and `expires_at` (ms since the epoch).
 */
export function startSession(auth) {
  const expiresAt = auth.expires_at || (auth.expires_in ? Date.now() + auth.expires_in * 1000 : null);
  const s = { token: auth.access_token, user: auth.user, expiresAt };
  if (auth.refresh_token) s.refreshToken = auth.refresh_token;
  write(s);
}

/** After a Cognito refresh: the new access token (and expiry) of the same session. */
export function replaceTokens({ token, expiresAt, refreshToken }) {
  if (!current) return null;
  write({ ...current, token, expiresAt, refreshToken: refreshToken || current.refreshToken });
  return current;
}

/** Refreshes the user (from /api/me) without touching the token. */
export function updateUser(user) {
  if (!current) return;
  const u = current.user;
  if (u && u.uuid === user.uuid && u.handle === user.handle && u.display_name === user.display_name) return;
  write({ ...current, user });
}

/** Forgets the token: signing out, or any 401 from the API. */
export function endSession() {
  if (current) write(null);
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) {
      current = read();
      emit();
    }
  });
}
