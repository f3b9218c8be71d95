// The Cruddur Messaging API, one function per route.
import { cognitoSignIn } from '../auth/cognito.js';
import { getConfig } from '../lib/config.js';
import { request } from './client.js';

export const PAGE_SIZE_GROUPS = 20;
export const PAGE_SIZE_MESSAGES = 50;

export async function signUp({ display_name, handle, email, password }) {
  const { data } = await request('/api/auth/signup', {
    method: 'POST',
    body: { display_name, handle, email, password },
    auth: false,
  });
  return data;
}

export async function signIn({ login, password }) {
  const { data } = await request('/api/auth/signin', { method: 'POST', body: { login, password }, auth: false });
  return data;
}

/**
 * Cognito mode: signs in against the user pool, then asks /api/me with the new access token who that is
 * (403 user_not_provisioned when the pool user has no Cruddur user). Resolves to what startSession keeps.
 */
export async function signInWithCognito({ login, password }) {
  const tokens = await cognitoSignIn(getConfig(), { login, password });
  const { data: user } = await request('/api/me', { token: tokens.accessToken });
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_at: tokens.expiresAt,
    user,
  };
}

export async function getMe({ signal } = {}) {
  return (await request('/api/me', { signal })).data;
}

export async function getUserShort(handle, { signal } = {}) {
  return (await request(`/api/users/@${encodeURIComponent(handle)}/short`, { signal })).data;
}

/** One page of my conversations, newest activity first: {items, nextCursor}. */
export async function listMessageGroups({ cursor, limit = PAGE_SIZE_GROUPS, signal } = {}) {
  const { data, nextCursor } = await request('/api/message_groups', { query: { limit, cursor }, signal });
  return { items: Array.isArray(data) ? data : [], nextCursor };
}

/** The latest page (or, with cursor, an older page) of a conversation, oldest first: {items, nextCursor}. */
export async function listMessages(groupUuid, { cursor, limit = PAGE_SIZE_MESSAGES, signal } = {}) {
  const { data, nextCursor } = await request(`/api/messages/${encodeURIComponent(groupUuid)}`, {
    query: { limit, cursor },
    signal,
  });
  return { items: Array.isArray(data) ? data : [], nextCursor };
}

/**
 * Sends a message: a reply ({messageGroupUuid}) or to a person ({handle}, opens or reuses the DM).
 * clientMessageId makes retries safe: the server never stores the same id twice.
 */
export async function sendMessage({ message, messageGroupUuid, handle, clientMessageId }) {
  const body = { message, client_message_id: clientMessageId };
  if (messageGroupUuid) body.message_group_uuid = messageGroupUuid;
  else body.handle = handle;
  return (await request('/api/messages', { method: 'POST', body })).data;
}

/** A single-use ticket for the stream (issue 12): {ticket, expires_in}. 404 on a server without the stream. */
export async function getStreamTicket() {
  return (await request('/api/stream/ticket', { method: 'POST', body: {} })).data;
}

/** Marks a conversation read up to a message (default: its newest): {unread, read_at}. */
export async function markRead(groupUuid, upTo) {
  const body = upTo ? { up_to: upTo } : {};
  return (await request(`/api/message_groups/${encodeURIComponent(groupUuid)}/read`, { method: 'POST', body })).data;
}

/** My unread total over every conversation: {count}. */
export async function getUnreadCounter({ signal } = {}) {
  return (await request('/api/messages/counter', { signal })).data;
}

/** My conversations, each with all its messages, as one JSON document (GET /api/me/export; 429 when too often). */
export async function exportMyMessages() {
  return (await request('/api/me/export')).data;
}
