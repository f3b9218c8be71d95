import { describe, expect, it } from 'vitest';
import {
  discard,
  enqueue,
  markFailed,
  markSending,
  markSent,
  MAX_AUTOMATIC_ATTEMPTS,
  nextToSend,
  placeholders,
  requeueTransient,
  restore,
  retry,
  serialize,
} from './outbox.js';

const Q = '2026-11-26T12:00:00.000Z';
const add = (list, id, text = id, groupUuid = 'g1') => enqueue(list, { id, groupUuid, text, queuedAt: Q });

describe('outbox', () => {
  it('queues a message at once as pending, once per client_message_id', () => {
    const one = add([], 'c1', 'hello');
    expect(one).toEqual([{ id: 'c1', groupUuid: 'g1', text: 'hello', queuedAt: Q, state: 'pending', attempts: 0, error: null }]);
    expect(add(one, 'c1', 'hello')).toBe(one);
  });

  it('sends one at a time, oldest first, and nothing while offline', () => {
    let list = add(add([], 'c1'), 'c2');
    expect(nextToSend(list, false)).toBeNull();
    expect(nextToSend(list, true).id).toBe('c1');
    list = markSending(list, 'c1');
    expect(nextToSend(list, true)).toBeNull();
    list = markSent(list, 'c1');
    expect(nextToSend(list, true).id).toBe('c2');
  });

  it('keeps a message that failed for want of network pending, with its id, until it goes through', () => {
    let list = markSending(add([], 'c1'), 'c1');
    list = markFailed(list, 'c1', { status: 0, code: 'network_error', online: false });
    expect(list[0]).toMatchObject({ id: 'c1', state: 'pending', attempts: 0 });
    expect(nextToSend(list, true).id).toBe('c1');
  });

  it('retries a transient failure (lost answer, 429, 5xx) a few times, then shows it as not sent', () => {
    let list = add([], 'c1');
    for (let i = 1; i < MAX_AUTOMATIC_ATTEMPTS; i += 1) {
      list = markFailed(markSending(list, 'c1'), 'c1', { status: i === 1 ? 429 : 503, code: 'x', online: true });
      expect(list[0].state).toBe('pending');
    }
    list = markFailed(markSending(list, 'c1'), 'c1', { status: 0, code: 'network_error', online: true });
    expect(list[0]).toMatchObject({ state: 'failed', error: 'network_error' });
    expect(nextToSend(list, true)).toBeNull();
    // The network came back: it is queued again by itself.
    const back = requeueTransient(list);
    expect(back[0]).toMatchObject({ id: 'c1', state: 'pending' });
    expect(requeueTransient(back)).toBe(back);
  });

  it('shows a refused message as not sent at once; retry queues it again with the same id', () => {
    let list = markFailed(markSending(add([], 'c1'), 'c1'), 'c1', { status: 422, code: 'message_blank', online: true });
    expect(list[0]).toMatchObject({ state: 'failed', error: 'message_blank' });
    expect(requeueTransient(list)).toBe(list);
    list = retry(list, 'c1');
    expect(list[0]).toMatchObject({ id: 'c1', state: 'pending', error: null });
    expect(discard(markFailed(list, 'c1', { status: 409, code: 'client_message_id_conflict', online: true }), 'c1')).toEqual([]);
  });

  it('lets later messages go while an earlier one waits for the person to retry it', () => {
    let list = add(add([], 'c1'), 'c2');
    list = markFailed(markSending(list, 'c1'), 'c1', { status: 422, code: 'message_blank', online: true });
    expect(nextToSend(list, true).id).toBe('c2');
  });

  it('survives a reload: a send in flight is sent again with its original id', () => {
    let list = add(add([], 'c1', 'first'), 'c2', 'second');
    list = markSending(list, 'c1');
    const back = restore(serialize(list));
    expect(back.map((e) => [e.id, e.state, e.text])).toEqual([
      ['c1', 'pending', 'first'],
      ['c2', 'pending', 'second'],
    ]);
    expect(restore('not json')).toEqual([]);
    expect(restore('{"a":1}')).toEqual([]);
    expect(restore('[{"id":1}]')).toEqual([]);
    expect(restore(null)).toEqual([]);
  });

  it('hides a placeholder once its stored message is shown, matching each message once', () => {
    const list = add(add(add([], 'c1', 'ok'), 'c2', 'ok'), 'c3', 'other', 'g2');
    const shown = [{ uuid: 'm1', handle: 'me', message: 'ok', created_at: '2026-11-26T12:00:01.000000+00:00' }];
    expect(placeholders(list, 'g1', shown, 'me').map((e) => e.id)).toEqual(['c2']);
    expect(placeholders(list, 'g1', [], 'me').map((e) => e.id)).toEqual(['c1', 'c2']);
    // Someone else's message with the same text, or an old one of mine, is not it.
    const older = [
      { uuid: 'm0', handle: 'me', message: 'ok', created_at: '2026-11-26T11:00:00.000000+00:00' },
      { uuid: 'm2', handle: 'bob', message: 'ok', created_at: '2026-11-26T12:00:02.000000+00:00' },
    ];
    expect(placeholders(list, 'g1', older, 'me').map((e) => e.id)).toEqual(['c1', 'c2']);
  });
});
