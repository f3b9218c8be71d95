import { describe, expect, it } from 'vitest';
import {
  applyReadAnswer,
  applyToConversation,
  applyToGroups,
  hiddenUnread,
  seenMessageUuid,
  titleWithCount,
  typingText,
  unreadTotal,
} from './events.js';

const at = (s) => `2026-11-26T12:00:${String(s).padStart(2, '0')}.000000+00:00`;
const row = (uuid, s, extra = {}) => ({
  uuid,
  handle: `h_${uuid}`,
  display_name: `Person ${uuid}`,
  message: `last of ${uuid}`,
  created_at: at(s),
  unread: 0,
  other_read_at: null,
  ...extra,
});
const msg = (uuid, s, handle, group = 'g1', text = uuid) => ({
  uuid,
  handle,
  display_name: handle,
  message: text,
  created_at: at(s),
  message_group_uuid: group,
});
const created = (m) => ({ type: 'message.created', since: 's', message: m });

describe('stream events on the conversation list', () => {
  const list = [row('g2', 5), row('g1', 3), row('g3', 1)];

  it('moves the conversation to the top with the new preview and raises its badge', () => {
    const next = applyToGroups(list, created(msg('m1', 9, 'h_g1', 'g1', 'hello')), 'me');
    expect(next.map((g) => g.uuid)).toEqual(['g1', 'g2', 'g3']);
    expect(next[0]).toMatchObject({ message: 'hello', created_at: at(9), unread: 1 });
  });

  it('counts a repeated message once (retried sends are delivered again)', () => {
    const once = applyToGroups(list, created(msg('m1', 9, 'h_g1')), 'me');
    const twice = applyToGroups(once, created(msg('m1', 9, 'h_g1')), 'me');
    expect(twice).toBe(once);
    expect(twice[0].unread).toBe(1);
  });

  it('does not raise the badge for my own message (my other tab sent it)', () => {
    const next = applyToGroups([row('g1', 3, { unread: 2 })], created(msg('m1', 9, 'me')), 'me');
    expect(next[0]).toMatchObject({ unread: 0, message: 'm1' });
  });

  it('adds a new conversation from the other person, and waits for group.updated for one of mine', () => {
    const theirs = applyToGroups(list, created(msg('m1', 9, 'newbie', 'g9')), 'me');
    expect(theirs[0]).toMatchObject({ uuid: 'g9', handle: 'newbie', unread: 1 });
    expect(applyToGroups(list, created(msg('m1', 9, 'me', 'g9')), 'me')).toBe(list);
  });

  it('takes group.updated as the exact row, reordering by its time', () => {
    const next = applyToGroups(list, { type: 'group.updated', since: 's', group: row('g3', 8, { unread: 4 }) }, 'me');
    expect(next.map((g) => g.uuid)).toEqual(['g3', 'g2', 'g1']);
    expect(next[0].unread).toBe(4);
    expect(applyToGroups(next, { type: 'group.updated', group: row('g3', 8, { unread: 4 }) }, 'me')).toBe(next);
  });

  it('never steps a preview back for a late group.updated, but takes its counts', () => {
    const fresh = [row('g1', 9, { message: 'newest' })];
    const next = applyToGroups(fresh, { type: 'group.updated', group: row('g1', 3, { message: 'old', unread: 2 }) }, 'me');
    expect(next[0]).toMatchObject({ message: 'newest', unread: 2, created_at: at(9) });
  });

  it('clears the badge when I read the conversation in another tab', () => {
    const unread = [row('g1', 3, { unread: 2 })];
    const next = applyToGroups(unread, { type: 'group.read', message_group_uuid: 'g1', reader: 'me', read_at: at(3) }, 'me');
    expect(next[0].unread).toBe(0);
    // A marker short of the newest message leaves the count for the group.updated that follows.
    expect(
      applyToGroups(unread, { type: 'group.read', message_group_uuid: 'g1', reader: 'me', read_at: at(2) }, 'me'),
    ).toBe(unread);
  });

  it("moves other_read_at forward only on the other person's read", () => {
    const seen = [row('g1', 3, { other_read_at: at(2) })];
    const fwd = applyToGroups(seen, { type: 'group.read', message_group_uuid: 'g1', reader: 'h_g1', read_at: at(3) }, 'me');
    expect(fwd[0].other_read_at).toBe(at(3));
    const back = applyToGroups(fwd, { type: 'group.read', message_group_uuid: 'g1', reader: 'h_g1', read_at: at(1) }, 'me');
    expect(back).toBe(fwd);
  });

  it('ignores frames about conversations it cannot place and unknown types', () => {
    expect(applyToGroups(list, { type: 'group.read', message_group_uuid: 'nope', reader: 'x', read_at: at(1) }, 'me')).toBe(list);
    expect(applyToGroups(list, { type: 'typing', message_group_uuid: 'g1', handle: 'h_g1' }, 'me')).toBe(list);
    expect(applyToGroups(list, { type: 'hello', since: 's' }, 'me')).toBe(list);
  });

  it('sets the badge from the read call answer', () => {
    const unread = [row('g1', 3, { unread: 2 })];
    expect(applyReadAnswer(unread, 'g1', { unread: 0, read_at: at(3) })[0].unread).toBe(0);
    expect(applyReadAnswer(unread, 'g1', { unread: 2 })).toBe(unread);
  });
});

describe('stream events on the open conversation', () => {
  const ctx = { groupUuid: 'g1', me: 'me', now: 1000 };
  const convo = { items: [msg('a', 1, 'me'), msg('b', 2, 'bayko')].map(({ message_group_uuid, ...m }) => m), otherReadAt: null, typing: null };

  it('appends a new message once, however often it arrives', () => {
    const once = applyToConversation(convo, created(msg('c', 3, 'bayko')), ctx);
    expect(once.items.map((m) => m.uuid)).toEqual(['a', 'b', 'c']);
    expect(once.items[2]).not.toHaveProperty('message_group_uuid');
    expect(applyToConversation(once, created(msg('c', 3, 'bayko')), ctx)).toBe(once);
    expect(applyToConversation(convo, created(msg('b', 2, 'bayko')), ctx)).toBe(convo);
  });

  it('keeps time order when a message arrives late', () => {
    const withC = applyToConversation(convo, created(msg('c', 5, 'bayko')), ctx);
    const late = applyToConversation(withC, created(msg('x', 4, 'me')), ctx);
    expect(late.items.map((m) => m.uuid)).toEqual(['a', 'b', 'x', 'c']);
  });

  it('ignores other conversations', () => {
    expect(applyToConversation(convo, created(msg('c', 3, 'bayko', 'g2')), ctx)).toBe(convo);
  });

  it('puts "Seen" under my newest message the other has read (other_read_at, then group.read)', () => {
    const items = [msg('a', 1, 'me'), msg('b', 2, 'bayko'), msg('c', 3, 'me'), msg('d', 4, 'me')];
    let c = { items, otherReadAt: null, typing: null };
    expect(seenMessageUuid(c.items, 'me', c.otherReadAt)).toBeNull();
    c = applyToConversation(c, { type: 'group.updated', group: { uuid: 'g1', other_read_at: at(3) } }, ctx);
    expect(seenMessageUuid(c.items, 'me', c.otherReadAt)).toBe('c');
    c = applyToConversation(c, { type: 'group.read', message_group_uuid: 'g1', reader: 'bayko', read_at: at(4) }, ctx);
    expect(seenMessageUuid(c.items, 'me', c.otherReadAt)).toBe('d');
    // My own read in another tab, or an older marker, moves nothing.
    expect(applyToConversation(c, { type: 'group.read', message_group_uuid: 'g1', reader: 'me', read_at: at(9) }, ctx)).toBe(c);
    expect(applyToConversation(c, { type: 'group.read', message_group_uuid: 'g1', reader: 'bayko', read_at: at(1) }, ctx)).toBe(c);
  });

  it('shows typing for 5 s, and ends it on their message', () => {
    const typing = applyToConversation(convo, { type: 'typing', message_group_uuid: 'g1', handle: 'bayko' }, ctx);
    expect(typingText(typing.typing, 1000)).toBe('bayko is typing…');
    expect(typingText(typing.typing, 5999)).toBe('bayko is typing…');
    expect(typingText(typing.typing, 6000)).toBeNull();
    const again = applyToConversation(typing, { type: 'typing', message_group_uuid: 'g1', handle: 'bayko' }, { ...ctx, now: 4000 });
    expect(typingText(again.typing, 8000)).toBe('bayko is typing…');
    const spoke = applyToConversation(typing, created(msg('c', 3, 'bayko')), ctx);
    expect(spoke.typing).toBeNull();
    // My own typing (echoed from another tab) is not shown.
    expect(applyToConversation(convo, { type: 'typing', message_group_uuid: 'g1', handle: 'me' }, ctx)).toBe(convo);
  });
});

describe('unread total and title', () => {
  it('adds the badges, plus what the counter says is on rows not loaded', () => {
    const groups = [row('a', 1, { unread: 2 }), row('b', 2), row('c', 3, { unread: 1 })];
    expect(unreadTotal(groups)).toBe(3);
    expect(hiddenUnread(5, groups)).toBe(2);
    expect(hiddenUnread(1, groups)).toBe(0);
    expect(hiddenUnread(undefined, groups)).toBe(0);
    expect(unreadTotal(groups, 2)).toBe(5);
    expect(unreadTotal([row('x', 1, { unread: undefined })])).toBe(0);
  });

  it('prefixes the tab title with the count', () => {
    expect(titleWithCount(3, 'Cruddur Messages')).toBe('(3) Cruddur Messages');
    expect(titleWithCount(0, 'Cruddur Messages')).toBe('Cruddur Messages');
  });
});
