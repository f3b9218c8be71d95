// The one place that talks HTTP to the Cruddur API (same origin).
// Adds the bearer token, turns `{"errors":[...]}` answers into ApiError, reads X-Next-Cursor,
// and ends the session on a 401 from any authenticated call (RequireAuth then shows /signin).
// A Cognito session (one with a refresh token) is refreshed first when its access token is about to run
// out, and once more on a 401 (then the request is sent again) before it is ended.

import { ensureFreshSession, refreshSession } from '../auth/refresh.js';
import { endSession, getSession } from '../auth/session.js';
import { ApiError } from './errors.js';

export { ApiError };

/**
 * @param {string} path  e.g. '/api/me'
 * @param {{method?: string, body?: object, query?: object, auth?: boolean, token?: string, signal?: AbortSignal}} opts
 *   auth: false for sign in/up, whose 401 (invalid_credentials) is a form error, not an expired session.
 *   token: call with this bearer token instead of the session's (checking tokens before a session starts);
 *   its 401 leaves the session alone.
 * @returns {Promise<{data: any, nextCursor: string|null}>}
 */
export async function request(path, opts = {}) {
  const { auth = true, token } = opts;
  if (!auth || token) return send(path, opts, token || null);
  const session = await ensureFreshSession();
  if (!session) throw new ApiError(401, ['unauthorized']);
  try {
    return await send(path, opts, session.token);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    const now = getSession();
    let renewed;
    if (!session.refreshToken) {
      // Only end the session this request was made with (a stale poll must not end a newer one).
      if (now === session) endSession();
      throw e;
    } else if (now !== session) {
      // Cognito: another request refreshed the token meanwhile (or the person signed out): use the new one.
      if (!now) throw e;
      renewed = now;
    } else {
      // Cognito: the access token may have been revoked or expired early; refresh once and try again.
      renewed = await refreshSession(session);
      if (!renewed) throw e; // refreshSession ended the session
    }
    try {
      return await send(path, opts, renewed.token);
    } catch (again) {
      if (again instanceof ApiError && again.status === 401 && getSession() === renewed) endSession();
      throw again;
    }
  }
}

async function send(path, { method = 'GET', body, query, signal } = {}, bearer) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let url = path;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += `?${s}`;
  }

  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, ['network_error']);
  }

  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }

  if (!res.ok) {
    const codes = data && Array.isArray(data.errors) && data.errors.length ? data.errors : [`http_${res.status}`];
    throw new ApiError(res.status, codes);
  }
  return { data, nextCursor: res.headers.get('X-Next-Cursor') };
}
