import { describe, expect, it } from 'vitest';
import { appendGroups, mergeGroups, mergeMessages, prependMessages, sameList } from './merge.js';

const at = (s) => `2026-11-26T12:00:${String(s).padStart(2, '0')}.000000+00:00`;
const msg = (id, s) => ({ uuid: id, handle: 'a', display_name: 'A', message: id, created_at: at(s) });
const grp = (id, s) => ({ uuid: id, handle: id, display_name: id, message: 'm', created_at: at(s) });

describe('merging polled pages', () => {
  it('keeps the same array when a poll brings nothing new (no re-render, no flicker)', () => {
    const shown = [msg('a', 1), msg('b', 2)];
    expect(mergeMessages(shown, [msg('a', 1), msg('b', 2)], 50)).toBe(shown);
  });

  it('appends new messages in time order and never repeats one', () => {
    const shown = [msg('a', 1), msg('b', 2)];
    const merged = mergeMessages(shown, [msg('b', 2), msg('c', 3)], 50);
    expect(merged.map((m) => m.uuid)).toEqual(['a', 'b', 'c']);
  });

  it('asks to start over when a full page does not overlap what is shown', () => {
    expect(mergeMessages([msg('a', 1)], [msg('x', 5), msg('y', 6)], 2)).toBeNull();
  });

  it('prepends older messages without duplicates', () => {
    const merged = prependMessages([msg('c', 3), msg('d', 4)], [msg('a', 1), msg('b', 2), msg('c', 3)]);
    expect(merged.map((m) => m.uuid)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets the fresh first page of conversations win and keeps loaded older pages below it', () => {
    const shown = [grp('x', 5), grp('y', 4), grp('z', 1)]; // z came from "load more"
    const fresh = [grp('z', 9), grp('x', 5)];
    expect(mergeGroups(fresh, shown, true).map((g) => g.uuid)).toEqual(['z', 'x', 'y']);
    expect(mergeGroups(fresh, shown, false)).toBe(fresh);
  });

  it('appends an older page of conversations once', () => {
    expect(appendGroups([grp('a', 3)], [grp('a', 3), grp('b', 2)]).map((g) => g.uuid)).toEqual(['a', 'b']);
  });

  it('compares lists by what is shown', () => {
    expect(sameList([grp('a', 1)], [grp('a', 1)])).toBe(true);
    expect(sameList([grp('a', 1)], [{ ...grp('a', 1), message: 'new' }])).toBe(false);
  });
});
