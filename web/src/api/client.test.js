import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession, startSession } from '../auth/session.js';
import { ApiError, request } from './client.js';

function reply(status, body, headers = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const AUTH = { access_token: 'tok', token_type: 'Bearer', expires_in: 3600, user: { uuid: 'u', handle: 'al', display_name: 'Al' } };

describe('api client', () => {
  beforeEach(() => startSession(AUTH));
  afterEach(() => {
    vi.unstubAllGlobals();
    endSession();
  });

  it('sends the bearer token and reads X-Next-Cursor', async () => {
    const fetch = vi.fn().mockResolvedValue(reply(200, [], { 'X-Next-Cursor': 'c2' }));
    vi.stubGlobal('fetch', fetch);
    const { data, nextCursor } = await request('/api/message_groups', { query: { limit: 20, cursor: null } });
    expect(data).toEqual([]);
    expect(nextCursor).toBe('c2');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/message_groups?limit=20');
    expect(init.headers.Authorization).toBe('Bearer tok');
  });

  it('turns {"errors":[...]} into an ApiError with the codes', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(422, { errors: ['message_blank', 'handle_blank'] })));
    const e = await request('/api/messages', { method: 'POST', body: {} }).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.codes).toEqual(['message_blank', 'handle_blank']);
    expect(getSession()).not.toBeNull();
  });

  it('ends the session on a 401 from an authenticated call', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(401, { errors: ['unauthorized'] })));
    await expect(request('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(getSession()).toBeNull();
  });

  it('keeps a 401 from sign in as a form error (no session change)', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(401, { errors: ['invalid_credentials'] })));
    const e = await request('/api/auth/signin', { method: 'POST', body: {}, auth: false }).catch((x) => x);
    expect(e.codes).toEqual(['invalid_credentials']);
    expect(getSession()).not.toBeNull();
  });

  it('reports an unreachable server as network_error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(request('/api/me')).rejects.toMatchObject({ status: 0, codes: ['network_error'] });
    expect(getSession()).not.toBeNull();
  });
});
