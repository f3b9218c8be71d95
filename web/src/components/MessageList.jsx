import { useLayoutEffect, useRef, useState } from 'react';
import { Time } from './Time.jsx';

const NEAR_BOTTOM_PX = 120;

/**
 * A conversation's messages, oldest at the top, kept scrolled to the newest. New messages scroll into
 * view only when the reader is already at the bottom (or sent them); otherwise a "new messages" pill
 * offers to jump down. "Load older" keeps the reader's place. After the stored messages come my queued
 * ones (the outbox: "sending…", or "not sent — retry"), and "Seen" sits under my newest message the other
 * person has read. Their new messages are announced to screen readers (a polite live region).
 */
export function MessageList({ messages, myHandle, hasOlder, loadingOlder, onLoadOlder, pending = [], seenUuid = null, onRetry, onDiscard }) {
  const scroller = useRef(null);
  const atBottom = useRef(true);
  const anchor = useRef(null); // {height, top, first} captured just before older messages are prepended
  const lastUuid = useRef(null);
  const pendingCount = useRef(pending.length);
  const [newBelow, setNewBelow] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const last = messages.length ? messages[messages.length - 1] : null;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages.length ? messages[0].uuid : null;
    if (anchor.current && first !== anchor.current.first) {
      // Older messages went in above: move down by exactly the height they added.
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (last && last.uuid !== lastUuid.current) {
      const opening = lastUuid.current === null;
      const mine = last.handle === myHandle;
      if (opening || atBottom.current || mine) {
        el.scrollTop = el.scrollHeight;
        setNewBelow(false);
      } else {
        setNewBelow(true);
      }
      if (!opening && !mine) setAnnouncement(`New message from ${last.display_name}: ${last.message}`);
    } else if (pending.length > pendingCount.current) {
      // I just wrote one: it shows at the bottom.
      el.scrollTop = el.scrollHeight;
    }
    lastUuid.current = last ? last.uuid : null;
    pendingCount.current = pending.length;
  }, [messages, last, myHandle, pending.length]);

  function loadOlder() {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop, first: messages[0]?.uuid ?? null };
    Promise.resolve(onLoadOlder()).then(
      (added) => {
        if (!added) anchor.current = null;
      },
      () => {
        anchor.current = null;
      },
    );
  }

  function jumpDown() {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setNewBelow(false);
  }

  return (
    <div className="messages-frame">
      <div
        className="messages"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Messages"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
          if (atBottom.current && newBelow) setNewBelow(false);
        }}
      >
        {hasOlder && (
          <div className="messages__older">
            <button type="button" className="button" onClick={loadOlder} disabled={loadingOlder}>
              {loadingOlder ? 'Loading…' : 'Load older messages'}
            </button>
          </div>
        )}
        <ol className="messages__list">
          {messages.map((m) => {
            const mine = m.handle === myHandle;
            return (
              <li key={m.uuid} className={mine ? 'message message--mine' : 'message message--theirs'}>
                <span className="sr-only">{mine ? 'You' : m.display_name} said: </span>
                <p className="message__text">{m.message}</p>
                <Time className="message__time" value={m.created_at} />
                {m.uuid === seenUuid && <span className="message__seen">Seen</span>}
              </li>
            );
          })}
          {pending.map((e) => (
            <li key={e.id} className={`message message--mine message--${e.state === 'failed' ? 'failed' : 'pending'}`}>
              <span className="sr-only">You said: </span>
              <p className="message__draft">{e.text.trim()}</p>
              {e.state === 'failed' ? (
                <span className="message__status message__status--failed">
                  Not sent —{' '}
                  <button type="button" className="link-button" onClick={() => onRetry?.(e.id)}>
                    retry
                  </button>
                  {' · '}
                  <button type="button" className="link-button" onClick={() => onDiscard?.(e.id)}>
                    discard
                  </button>
                </span>
              ) : (
                <span className="message__status">sending…</span>
              )}
            </li>
          ))}
        </ol>
      </div>
      {newBelow && (
        <button type="button" className="new-pill" onClick={jumpDown}>
          New messages <span aria-hidden="true">↓</span>
        </button>
      )}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
