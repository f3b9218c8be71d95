// What the server says the web app needs (GET /api/config), read once at start (main.jsx) and then kept:
// {auth: 'local'} or {auth: 'cognito', cognito_user_pool_id, cognito_client_id, cognito_region,
// cognito_endpoint}. Until it has loaded (and in component tests) the app behaves as in local mode.

const LOCAL = Object.freeze({ auth: 'local' });
let current = LOCAL;
let loading = null;

/** Loads /api/config once; resolves to the config (local mode when the server cannot be asked). */
export function loadConfig() {
  if (!loading) {
    loading = fetch('/api/config', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then((res) => (res.ok ? res.json() : LOCAL))
      .catch(() => LOCAL)
      .then((c) => {
        current = c && c.auth === 'cognito' && c.cognito_endpoint && c.cognito_client_id ? c : LOCAL;
        return current;
      });
  }
  return loading;
}

export function getConfig() {
  return current;
}

export function isCognito() {
  return current.auth === 'cognito';
}

/** For tests: use `config` as if /api/config had answered it. */
export function setConfigForTest(config) {
  current = config || LOCAL;
  loading = Promise.resolve(current);
}
