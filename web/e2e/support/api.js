// Direct API calls for setting up data quickly (many people, many messages) before the browser looks.
import { BASE_URL } from './env.js';

async function call(path, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE_URL + path, { method: body ? 'POST' : 'GET', headers, body: JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  return { status: res.status, data };
}

/** Signs a person up; resolves to their access token. */
export async function apiSignUp(person) {
  const { status, data } = await call('/api/auth/signup', { body: person });
  if (status !== 201) throw new Error(`signup ${person.handle}: ${status} ${JSON.stringify(data)}`);
  return data.access_token;
}

/** Sends a message (retrying with the same client_message_id when rate limited); resolves to the answer. */
export async function apiSend(token, body) {
  const payload = { client_message_id: crypto.randomUUID(), ...body };
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { status, data } = await call('/api/messages', { token, body: payload });
    if (status === 200) return data;
    if (status !== 429) throw new Error(`send: ${status} ${JSON.stringify(data)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('send: still rate limited');
}

/** A call with a bearer token: {status, data}. */
export async function apiGet(token, path) {
  return call(path, { token });
}

/**
 * Whether the server at `baseUrl` has the stream (issue 12): POST /api/stream/ticket answers other than
 * 404 for a fresh person. Resolves to null when it has, or to the reason to skip the stream's tests.
 */
export async function streamMissing(baseUrl = BASE_URL) {
  const { newPerson } = await import('./env.js');
  const person = newPerson('Probe');
  const res = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person),
  });
  const token = (await res.json()).access_token;
  const ticket = await fetch(`${baseUrl}/api/stream/ticket`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (ticket.status === 404) return 'the server has no stream yet (POST /api/stream/ticket answered 404; issue 12)';
  return null;
}
