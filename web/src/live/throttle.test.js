import { describe, expect, it } from 'vitest';
import { planRead, shouldSendTyping, wantsRead } from './throttle.js';

const base = { onScreen: true, focused: true, supported: true, newestUuid: 'm2', lastUpTo: 'm1', unread: 1 };

describe('read batching', () => {
  it('marks read only while on screen, focused, and with something new', () => {
    expect(wantsRead(base)).toBe(true);
    expect(wantsRead({ ...base, focused: false })).toBe(false);
    expect(wantsRead({ ...base, onScreen: false })).toBe(false);
    expect(wantsRead({ ...base, supported: false })).toBe(false);
    expect(wantsRead({ ...base, lastUpTo: 'm2', unread: 0 })).toBe(false);
    expect(wantsRead({ ...base, lastUpTo: 'm2', unread: 2 })).toBe(true);
    expect(wantsRead({ ...base, newestUuid: null })).toBe(false);
  });

  it('makes at most one read call per conversation every 2 s', () => {
    expect(planRead(true, null, 10000)).toEqual({ action: 'send' });
    expect(planRead(true, 9000, 10000)).toEqual({ action: 'wait', inMs: 1000 });
    expect(planRead(true, 8000, 10000)).toEqual({ action: 'send' });
    expect(planRead(false, null, 10000)).toEqual({ action: 'none' });
  });
});

describe('typing', () => {
  it('sends at most every 2 s, and only for real text', () => {
    expect(shouldSendTyping(null, 1000, 'h')).toBe(true);
    expect(shouldSendTyping(1000, 2500, 'he')).toBe(false);
    expect(shouldSendTyping(1000, 3000, 'hel')).toBe(true);
    expect(shouldSendTyping(null, 1000, '   ')).toBe(false);
  });
});
