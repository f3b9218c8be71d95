// Cognito mode in a real browser: `cruddur serve --auth cognito --auto-provision` (SQLite store, temp data
// dir, web/dist) against cognito-local (tests/engines/start-cognito-local.sh), both started here on free
// 127.0.0.1 ports and stopped by PID. A pool, an app client and a user are made through cognito-local's API;
// the person signs in in the browser (InitiateAuth straight to the pool), lands on /messages, and a reload
// keeps them signed in. The page's CSP must allow the pool's origin: any CSP report fails the test.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './support/browser.js';
import { assertNoProblems, signIn } from './support/flows.js';
import { engines, startServer } from './support/server.js';
const PASSWORD = 'Babylon5-Pass!';

async function cognito(port, operation, body) {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('cognito sign-in', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'cruddur-web-cognito-'));
  const stops = [];
  let b;
  let url;

  before(async () => {
    const out = execFileSync('bash', [path.join(engines, 'start-cognito-local.sh'), path.join(work, 'cognito')], {
      encoding: 'utf8',
    }).trim();
    const [idpPort, idpPid] = out.split(/\s+/).map(Number);
    stops.push(() => execFileSync('bash', [path.join(engines, 'stop-engine.sh'), String(idpPid)]));

    const poolId = (await cognito(idpPort, 'CreateUserPool', { PoolName: 'cruddur-web' })).UserPool.Id;
    const clientId = (await cognito(idpPort, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web' }))
      .UserPoolClient.ClientId;
    await cognito(idpPort, 'AdminCreateUser', {
      UserPoolId: poolId,
      Username: 'delenn',
      UserAttributes: [
        { Name: 'preferred_username', Value: 'delenn' },
        { Name: 'email', Value: 'delenn@example.com' },
      ],
      MessageAction: 'SUPPRESS',
    });
    await cognito(idpPort, 'AdminSetUserPassword', { UserPoolId: poolId, Username: 'delenn', Password: PASSWORD, Permanent: true });

    const env = {
      ...process.env,
      AWS_REGION: 'us-east-1',
      AWS_COGNITO_USER_POOL_ID: poolId,
      AWS_COGNITO_USER_POOL_CLIENT_ID: clientId,
      AWS_COGNITO_ISSUER: `http://127.0.0.1:${idpPort}/${poolId}`,
      AWS_COGNITO_ENDPOINT: `http://127.0.0.1:${idpPort}/`,
    };
    delete env.CONNECTION_URL;
    delete env.AWS_ENDPOINT_URL;
    const server = await startServer({
      dataDir: path.join(work, 'data'),
      log: path.join(work, 'cruddur.log'),
      args: ['--auth', 'cognito', '--auto-provision'],
      env,
    });
    url = server.url;
    stops.push(server.stop);
    b = await launch();
  });

  after(async () => {
    await b?.close();
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {}
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('signs in against the user pool in the browser, lands on /messages and stays signed in over a reload', async () => {
    const { page, problems, context } = await openPage(b.browser, { baseURL: url });
    await page.goto('/messages');
    await page.waitForURL('**/signin');
    // No local accounts here: no sign-up link, and /signup says where accounts come from.
    assert.equal(await page.getByRole('link', { name: 'Create an account' }).count(), 0);
    await page.getByText(/managed by your organisation/i).waitFor();
    await page.goto('/signup');
    await page.getByText(/managed by your organisation/i).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign up' }).count(), 0);

    // A wrong password is a form error, from the pool itself.
    await signIn(page, 'delenn', 'wrong-password-1', { loginLabel: 'Username' });
    await page.getByRole('alert').filter({ hasText: /wrong/i }).waitFor();
    assert.ok(page.url().endsWith('/signin'));

    await signIn(page, 'delenn', PASSWORD, { loginLabel: 'Username' });
    await page.waitForURL('**/messages');
    await page.getByText('@delenn').first().waitFor(); // auto-provisioned from the token's username
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('cruddur.session')));
    assert.ok(session.refreshToken, 'the refresh token is kept');
    assert.ok(session.expiresAt > Date.now());
    await screenshot(page, 'cognito-messages');

    await page.reload();
    await page.getByText('@delenn').first().waitFor();
    assert.ok(page.url().endsWith('/messages'));

    // An access token the server rejects is refreshed once with the refresh token; the person stays.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('cruddur.session'));
      s.token = 'not-a-real-token';
      localStorage.setItem('cruddur.session', JSON.stringify(s));
    });
    await page.reload();
    await page.getByText('@delenn').first().waitFor();
    assert.ok(page.url().endsWith('/messages'));
    // The page may show the stored profile before the first API call comes back 401: wait for the refresh.
    await page.waitForFunction(
      () => JSON.parse(localStorage.getItem('cruddur.session')).token !== 'not-a-real-token',
      null, { timeout: 10000 });
    assert.ok(page.url().endsWith('/messages'), 'still signed in after the refresh');

    await page.goto('/signup');
    await page.waitForURL('**/messages'); // signed in: /signup, like /signin, goes to the messages
    assertNoProblems(problems);
    await context.close();
  });
});
