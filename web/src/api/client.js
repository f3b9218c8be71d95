// The one place that talks HTTP to the Cruddur API (same origin).
// Adds the bearer token, turns `{"errors":[...]}` answers into ApiError, reads X-Next-Cursor,
// and ends the session on a 401 from any authenticated call (RequireAuth then shows /signin).

import { endSession, getSession, isExpired } from '../auth/session.js';

export class ApiError extends Error {
  /** @param {number} status HTTP status, 0 when the server could not be reached. @param {string[]} codes */
  constructor(status, codes) {
    super(`${status}: ${codes.join(', ')}`);
    this.name = 'ApiError';
    this.status = status;
    this.codes = codes;
  }
  has(code) {
    return this.codes.includes(code);
  }
}

/**
 * @param {string} path  e.g. '/api/me'
 * @param {{method?: string, body?: object, query?: object, auth?: boolean, signal?: AbortSignal}} opts
 *   auth: false for sign in/up, whose 401 (invalid_credentials) is a form error, not an expired session.
 * @returns {Promise<{data: any, nextCursor: string|null}>}
 */
export async function request(path, { method = 'GET', body, query, auth = true, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const session = auth ? getSession() : null;
  if (auth) {
    if (isExpired(session)) endSession();
    if (!session || isExpired(session)) throw new ApiError(401, ['unauthorized']);
    headers.Authorization = `Bearer ${session.token}`;
  }
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
    // Only end the session this request was made with (a stale poll must not end a newer one).
    if (res.status === 401 && auth && getSession() === session) endSession();
    throw new ApiError(res.status, codes);
  }
  return { data, nextCursor: res.headers.get('X-Next-Cursor') };
}
