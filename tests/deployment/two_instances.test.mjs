// The deployment that has outgrown one machine, end to end: two `cruddur serve` processes sharing one
// PostgreSQL (users), one dynalite table (messages) and one Cognito user pool (cognito-local), each started
// here on 127.0.0.1 with free ports and temp dirs and stopped by PID. People sign in against the pool with
// real InitiateAuth tokens; a message sent through one instance is read through the other.
//
// Run: CRUDDUR_BINARY=build/cruddur node --test tests/deployment/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const engines = join(here, '..', 'engines');
const binary = process.env.CRUDDUR_BINARY ?? 'build/cruddur';
const work = mkdtempSync(join(tmpdir(), 'cruddur-deploy-'));
chmodSync(work, 0o755);  // PostgreSQL runs as the postgres user and must reach its directory inside
const stops = [];

function startEngine(script, ...args) {
  const out = execFileSync('bash', [join(engines, script), ...args], { encoding: 'utf8' }).trim();
  const [port, pid] = out.split(/\s+/).map(Number);
  return { port, pid };
}

async function cognito(port, operation, body) {
  const reply = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = await reply.json();
  if (!reply.ok) throw new Error(`${operation}: ${reply.status} ${JSON.stringify(json)}`);
  return json;
}

async function waitHealthy(port, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`cruddur exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('cruddur did not become healthy');
}

function freePort() {
  return Number(execFileSync('bash', [join(engines, 'free-port.sh')], { encoding: 'utf8' }).trim());
}

let env, pool, instances = [];

function cruddur(args, extraEnv = {}) {
  return execFileSync(binary, args, { env: { ...env, ...extraEnv }, encoding: 'utf8' });
}

async function serve(name) {
  const port = freePort();
  const log = openSync(join(work, `${name}.log`), 'a');
  const child = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--data', join(work, name), '--auth', 'cognito'],
                      { env, stdio: ['ignore', log, log] });
  stops.push(() => child.kill('SIGTERM'));
  await waitHealthy(port, child);
  return { port, child, url: `http://127.0.0.1:${port}` };
}

async function signIn(username) {
  const auth = await cognito(pool.port, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: 'Babylon5-Pass!' },
  });
  return auth.AuthenticationResult;
}

async function api(instance, method, path, token, body) {
  const reply = await fetch(instance.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: reply.status, json: await reply.json() };
}

before(async () => {
  const pg = startEngine('start-postgres.sh', join(work, 'pg'));
  stops.push(() => execFileSync('bash', [join(engines, 'stop-postgres.sh'), String(pg.pid)]));
  const dynalite = startEngine('start-dynalite.sh');
  stops.push(() => execFileSync('bash', [join(engines, 'stop-engine.sh'), String(dynalite.pid)]));
  const idp = startEngine('start-cognito-local.sh', join(work, 'cognito'));
  stops.push(() => execFileSync('bash', [join(engines, 'stop-engine.sh'), String(idp.pid)]));

  const created = await cognito(idp.port, 'CreateUserPool', { PoolName: 'cruddur' });
  const poolId = created.UserPool.Id;
  const client = await cognito(idp.port, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web' });
  pool = { port: idp.port, id: poolId, clientId: client.UserPoolClient.ClientId };
  for (const [username, handle] of [['andrew', 'andrewbrown'], ['bayko', 'bayko'], ['stranger', 'nobody_here']]) {
    await cognito(idp.port, 'AdminCreateUser', {
      UserPoolId: poolId, Username: username,
      UserAttributes: [{ Name: 'preferred_username', Value: handle }, { Name: 'email', Value: `${username}@example.com` }],
      MessageAction: 'SUPPRESS',
    });
    await cognito(idp.port, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: 'Babylon5-Pass!', Permanent: true });
  }

  env = {
    ...process.env,
    CONNECTION_URL: `postgresql://postgres@127.0.0.1:${pg.port}/postgres`,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${dynalite.port}`,
    AWS_REGION: 'us-east-1',
    AWS_COGNITO_USER_POOL_ID: poolId,
    AWS_COGNITO_USER_POOL_CLIENT_ID: pool.clientId,
    AWS_COGNITO_ISSUER: `http://127.0.0.1:${idp.port}/${poolId}`,
    AWS_COGNITO_ENDPOINT: `http://127.0.0.1:${idp.port}/`,
    DDB_MESSAGE_TABLE: 'cruddur-messages-deploy',
  };
  cruddur(['db', 'schema-load']);
  cruddur(['db', 'schema-load']);  // twice is harmless
  cruddur(['db', 'seed']);         // andrewbrown, bayko, londo
  instances = [await serve('one'), await serve('two')];
});

after(() => {
  for (const stop of stops.reverse()) {
    try { stop(); } catch {}
  }
  rmSync(work, { recursive: true, force: true });
});

test('update-cognito-user-ids links pool users to users by preferred_username and reports the rest', () => {
  const out = cruddur(['db', 'update-cognito-user-ids']);
  assert.match(out, /linked @andrewbrown/);
  assert.match(out, /linked @bayko/);
  assert.match(out, /unmatched stranger/);
  assert.match(out, /2 linked, 1 unmatched/);
});

test('config tells the web app to sign in with the pool, and local sign-up is off', async () => {
  const config = await (await fetch(instances[0].url + '/api/config')).json();
  assert.equal(config.auth, 'cognito');
  assert.equal(config.cognito_user_pool_id, pool.id);
  assert.equal(config.cognito_client_id, pool.clientId);
  const signup = await fetch(instances[0].url + '/api/auth/signup', { method: 'POST', body: '{}' });
  assert.equal(signup.status, 404);
});

test('a message sent through one instance is read through the other', async () => {
  const andrew = await signIn('andrew');
  const bayko = await signIn('bayko');
  const me = await api(instances[1], 'GET', '/api/me', andrew.AccessToken);
  assert.equal(me.status, 200);
  assert.equal(me.json.handle, 'andrewbrown');

  const sent = await api(instances[0], 'POST', '/api/messages', andrew.AccessToken,
                         { handle: 'bayko', message: 'Sent through instance one', client_message_id: 'deploy-1' });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  const groups = await api(instances[1], 'GET', '/api/message_groups', bayko.AccessToken);
  assert.equal(groups.status, 200);
  assert.equal(groups.json[0].handle, 'andrewbrown');
  assert.equal(groups.json[0].message, 'Sent through instance one');
  const messages = await api(instances[1], 'GET', `/api/messages/${sent.json.message_group_uuid}`, bayko.AccessToken);
  assert.deepEqual(messages.json.map((m) => m.uuid), [sent.json.uuid]);
  // The same client_message_id through the other instance is the same message.
  const retry = await api(instances[1], 'POST', '/api/messages', andrew.AccessToken,
                          { handle: 'bayko', message: 'Sent through instance one', client_message_id: 'deploy-1' });
  assert.deepEqual(retry.json, sent.json);
});

test('id tokens, garbage and unlinked pool users are refused', async () => {
  const andrew = await signIn('andrew');
  assert.equal((await api(instances[0], 'GET', '/api/me', andrew.IdToken)).status, 401);
  assert.equal((await api(instances[0], 'GET', '/api/me', 'not.a.jwt')).status, 401);
  const stranger = await signIn('stranger');
  const refused = await api(instances[0], 'GET', '/api/me', stranger.AccessToken);
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.json, { errors: ['user_not_provisioned'] });
});
