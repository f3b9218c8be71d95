import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '../api/client.js';
import { signInWithCognito } from '../api/cruddur.js';
import { setConfigForTest } from '../lib/config.js';
import { cognitoSignIn, expiryOf, jwtExpiry } from './cognito.js';
import { ensureFreshSession, refreshDelay, startRefreshScheduler } from './refresh.js';
import { endSession, getSession, startSession } from './session.js';

const CONFIG = {
  auth: 'cognito',
  cognito_user_pool_id: 'local_pool',
  cognito_client_id: 'client123',
  cognito_region: 'us-east-1',
  cognito_endpoint: 'http://127.0.0.1:9229/',
};
const USER = { uuid: 'u1', handle: 'andrewbrown', display_name: 'Andrew Brown' };

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function jwt(payload) {
  const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`;
}

function authResult(token, extra = {}) {
  return { AuthenticationResult: { AccessToken: token, IdToken: 'id', TokenType: 'Bearer', ...extra } };
}

/** A fetch stub: Cognito calls (by X-Amz-Target) go to `cognito`, API calls to `api`. */
function stubFetch({ cognito, api }) {
  const fn = vi.fn(async (url, init) => {
    if (init?.headers?.['X-Amz-Target']) return cognito(JSON.parse(init.body), url, init);
    return api(url, init);
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

const cognitoCalls = (fn) => fn.mock.calls.filter(([, init]) => init?.headers?.['X-Amz-Target']);
const apiCalls = (fn) => fn.mock.calls.filter(([, init]) => !init?.headers?.['X-Amz-Target']);

describe('cognito sign-in', () => {
  beforeEach(() => setConfigForTest(CONFIG));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    endSession();
    setConfigForTest(null);
  });

  it('posts InitiateAuth USER_PASSWORD_AUTH to the pool endpoint and keeps tokens and expiry', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const access = jwt({ sub: 's1', exp, token_use: 'access' });
    const fetch = stubFetch({
      cognito: () => json(200, authResult(access, { RefreshToken: 'refresh-1', ExpiresIn: 3600 })),
      api: () => json(200, USER),
    });
    const auth = await signInWithCognito({ login: ' andrew ', password: 'Babylon5-Pass!' });

    const [url, init] = cognitoCalls(fetch)[0];
    expect(url).toBe('http://127.0.0.1:9229/');
    expect(init.method).toBe('POST');
    expect(init.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(init.headers['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(init.headers.Authorization).toBeUndefined();
    expect(JSON.parse(init.body)).toEqual({
      ClientId: 'client123',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'andrew', PASSWORD: 'Babylon5-Pass!' },
    });
    // Then /api/me with the new access token as the bearer.
    const [meUrl, meInit] = apiCalls(fetch)[0];
    expect(meUrl).toBe('/api/me');
    expect(meInit.headers.Authorization).toBe(`Bearer ${access}`);
    expect(auth).toMatchObject({ access_token: access, refresh_token: 'refresh-1', user: USER });
    expect(Math.abs(auth.expires_at - (Date.now() + 3600 * 1000))).toBeLessThan(2000);
  });

  it('takes the expiry from the token when Cognito gives no ExpiresIn (cognito-local)', () => {
    const exp = 2000000000;
    expect(jwtExpiry(jwt({ exp }))).toBe(exp * 1000);
    expect(expiryOf({ AccessToken: jwt({ exp }) })).toBe(exp * 1000);
    expect(expiryOf({ AccessToken: 'x', ExpiresIn: 60 }, 1000)).toBe(61000);
    expect(expiryOf({ AccessToken: 'not-a-jwt' }, 0)).toBe(3600 * 1000);
  });

  it('turns a wrong password into invalid_credentials and blanks into field codes, without calling out', async () => {
    const fetch = stubFetch({
      cognito: () => json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
      api: () => json(500, {}),
    });
    await expect(cognitoSignIn(CONFIG, { login: 'andrew', password: 'nope' })).rejects.toMatchObject({
      status: 401,
      codes: ['invalid_credentials'],
    });
    // cognito-local's answer to a wrong password; real Cognito's with the service prefix.
    for (const type of ['InvalidPasswordException', 'com.amazonaws.cognito#UserNotFoundException']) {
      fetch.mockResolvedValueOnce(json(400, { __type: type, message: 'x' }));
      await expect(cognitoSignIn(CONFIG, { login: 'andrew', password: 'nope' })).rejects.toMatchObject({
        codes: ['invalid_credentials'],
      });
    }
    fetch.mockClear();
    await expect(cognitoSignIn(CONFIG, { login: ' ', password: '' })).rejects.toMatchObject({
      codes: ['login_blank', 'password_blank'],
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('passes on 403 user_not_provisioned from /api/me and starts no session', async () => {
    stubFetch({
      cognito: () => json(200, authResult(jwt({ exp: 2000000000 }), { RefreshToken: 'r' })),
      api: () => json(403, { errors: ['user_not_provisioned'] }),
    });
    await expect(signInWithCognito({ login: 'stranger', password: 'pw' })).rejects.toMatchObject({
      status: 403,
      codes: ['user_not_provisioned'],
    });
    expect(getSession()).toBeNull();
  });

  it('refreshes with REFRESH_TOKEN_AUTH once on a 401, then sends the request again with the new token', async () => {
    startSession({ access_token: 'old', refresh_token: 'refresh-1', expires_at: Date.now() + 3600e3, user: USER });
    const fetch = stubFetch({
      cognito: () => json(200, authResult('new', { ExpiresIn: 3600 })),
      api: (url, init) =>
        init.headers.Authorization === 'Bearer new' ? json(200, []) : json(401, { errors: ['unauthorized'] }),
    });
    const { data } = await request('/api/message_groups');
    expect(data).toEqual([]);
    const refresh = cognitoCalls(fetch);
    expect(refresh).toHaveLength(1);
    expect(JSON.parse(refresh[0][1].body)).toEqual({
      ClientId: 'client123',
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
    expect(apiCalls(fetch).map(([, i]) => i.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(getSession()).toMatchObject({ token: 'new', refreshToken: 'refresh-1', user: USER });
  });

  it('ends the session when the retried request is 401 again (only one refresh)', async () => {
    startSession({ access_token: 'old', refresh_token: 'r', expires_at: Date.now() + 3600e3, user: USER });
    const fetch = stubFetch({
      cognito: () => json(200, authResult('new', { ExpiresIn: 3600 })),
      api: () => json(401, { errors: ['unauthorized'] }),
    });
    await expect(request('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(cognitoCalls(fetch)).toHaveLength(1);
    expect(apiCalls(fetch)).toHaveLength(2);
    expect(getSession()).toBeNull();
  });

  it('ends the session when the refresh token is refused', async () => {
    startSession({ access_token: 'old', refresh_token: 'r', expires_at: Date.now() + 3600e3, user: USER });
    const fetch = stubFetch({
      cognito: () => json(400, { __type: 'NotAuthorizedException' }),
      api: () => json(401, { errors: ['unauthorized'] }),
    });
    await expect(request('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(apiCalls(fetch)).toHaveLength(1);
    expect(getSession()).toBeNull();
  });

  it('refreshes before the call when the access token has (nearly) run out, e.g. after a reload', async () => {
    startSession({ access_token: 'stale', refresh_token: 'r', expires_at: Date.now() - 1000, user: USER });
    const fetch = stubFetch({
      cognito: () => json(200, authResult('fresh', { ExpiresIn: 3600 })),
      api: () => json(200, USER),
    });
    await request('/api/me');
    expect(apiCalls(fetch).map(([, i]) => i.headers.Authorization)).toEqual(['Bearer fresh']);
    expect((await ensureFreshSession()).token).toBe('fresh');
  });

  it('schedules the refresh a minute before expiry (half the life when shorter) and reschedules after it', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    expect(refreshDelay({ refreshToken: 'r', expiresAt: 1_000_000 + 3600e3 }, 1_000_000)).toBe(3540e3);
    expect(refreshDelay({ refreshToken: 'r', expiresAt: 1_000_000 + 60e3 }, 1_000_000)).toBe(30e3);
    expect(refreshDelay({ expiresAt: 1_000_000 + 60e3 }, 1_000_000)).toBeNull();

    startSession({ access_token: 'a1', refresh_token: 'r', expires_at: Date.now() + 3600e3, user: USER });
    let n = 0;
    const fetch = stubFetch({
      cognito: () => {
        n += 1;
        return json(200, authResult(`a${n + 1}`, { ExpiresIn: 3600 }));
      },
      api: () => json(200, {}),
    });
    const stop = startRefreshScheduler();
    try {
      await vi.advanceTimersByTimeAsync(3539e3);
      expect(cognitoCalls(fetch)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1e3);
      expect(cognitoCalls(fetch)).toHaveLength(1);
      expect(getSession().token).toBe('a2');
      await vi.advanceTimersByTimeAsync(3540e3);
      expect(cognitoCalls(fetch)).toHaveLength(2);
      expect(getSession().token).toBe('a3');
    } finally {
      stop();
    }
  });
});
