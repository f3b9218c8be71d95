import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  BACKOFF_MAX_MS,
  initialConnection,
  reduceConnection,
  shouldPoll,
  streamUrl,
  UNAVAILABLE_RETRY_MS,
} from './reconnect.js';

const run = (inputs, random = () => 0.5) => {
  let state = initialConnection;
  const outs = [];
  for (const i of inputs) {
    const r = reduceConnection(state, i, random);
    outs.push(r);
    state = r.state;
  }
  return { state, outs };
};

describe('reconnect policy', () => {
  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });

  it('is open on hello, refetches once on a first connection, and polls only while not open', () => {
    const { state, outs } = run([{ type: 'connect' }, { type: 'frame', frame: { type: 'hello', since: 't1' } }]);
    expect(outs[0].state.status).toBe('connecting');
    expect(shouldPoll('connecting')).toBe(true);
    expect(state).toMatchObject({ status: 'open', since: 't1', attempt: 0 });
    expect(outs[1].refetch).toBe(true);
    expect(shouldPoll(state.status)).toBe(false);
  });

  it('remembers since from the last frame and resumes from it without a refetch', () => {
    const { state, outs } = run([
      { type: 'frame', frame: { type: 'hello', since: 't1' } },
      { type: 'frame', frame: { type: 'message.created', since: 't2', message: {} } },
      { type: 'frame', frame: { type: 'typing', message_group_uuid: 'g' } }, // typing has no position
      { type: 'closed', code: 1006 },
      { type: 'frame', frame: { type: 'hello', since: 't2' } },
    ]);
    expect(outs[2].state).toBe(outs[1].state);
    expect(outs[3].state).toMatchObject({ status: 'reconnecting', since: 't2', attempt: 1 });
    expect(outs[3].retryInMs).toBe(backoffDelay(0, () => 0.5));
    expect(shouldPoll(outs[3].state.status)).toBe(true);
    expect(outs[4].refetch).toBe(false);
    expect(state).toMatchObject({ status: 'open', since: 't2', attempt: 0 });
  });

  it('refetches everything on resync', () => {
    const { outs } = run([{ type: 'frame', frame: { type: 'hello', since: 't1' } }, { type: 'frame', frame: { type: 'resync', since: 't9' } }]);
    expect(outs[1].refetch).toBe(true);
    expect(outs[1].state.since).toBe('t9');
  });

  it('waits longer after each failure, and comes back at once after 1001 (server going away)', () => {
    const { outs } = run([
      { type: 'closed', code: 4008 },
      { type: 'ticket_failed', status: 0 },
      { type: 'ticket_failed', status: 503 },
      { type: 'closed', code: 1001 },
    ]);
    expect(outs.map((o) => o.retryInMs)).toEqual([375, 750, 1500, 375]);
  });

  it('polls against a server without the stream (ticket 404), asking again about once a minute', () => {
    const { state, outs } = run([{ type: 'connect' }, { type: 'ticket_failed', status: 404 }]);
    expect(state.status).toBe('unavailable');
    expect(shouldPoll(state.status)).toBe(true);
    expect(outs[1].retryInMs).toBe(UNAVAILABLE_RETRY_MS);
  });

  it('waits for the network while offline and reconnects at once when it is back', () => {
    const { outs } = run([{ type: 'frame', frame: { type: 'hello', since: 't1' } }, { type: 'offline' }, { type: 'closed', code: 1006 }, { type: 'online' }]);
    expect(outs[1].state.status).toBe('offline');
    expect(outs[2].retryInMs).toBeNull();
    expect(outs[3]).toMatchObject({ retryInMs: 0, state: { status: 'reconnecting', since: 't1' } });
  });

  it('stops for good when signed out (ticket 401)', () => {
    const { state, outs } = run([{ type: 'ticket_failed', status: 401 }, { type: 'online' }]);
    expect(state.status).toBe('stopped');
    expect(outs[1].retryInMs).toBeNull();
  });

  it('builds the stream URL on the page origin, ws or wss', () => {
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:4567' }, 't/k', null)).toBe('ws://127.0.0.1:4567/api/stream?ticket=t%2Fk');
    expect(streamUrl({ protocol: 'https:', host: 'chat.example' }, 'tk', 's1')).toBe('wss://chat.example/api/stream?ticket=tk&since=s1');
  });
});
