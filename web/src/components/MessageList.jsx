import { useLayoutEffect, useRef } from 'react';
import { Time } from './Time.jsx';

const NEAR_BOTTOM_PX = 120;

/**
 * A conversation's messages, oldest at the top, kept scrolled to the newest. New messages scroll into
 * view only when the reader is already at the bottom (or sent them); "Load older" keeps the reader's place.
 */
export function MessageList({ messages, myHandle, hasOlder, loadingOlder, onLoadOlder }) {
  const scroller = useRef(null);
  const atBottom = useRef(true);
  const anchor = useRef(null); // {height, top, first} captured just before older messages are prepended
  const lastUuid = useRef(null);

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
      if (opening || atBottom.current || last.handle === myHandle) el.scrollTop = el.scrollHeight;
    }
    lastUuid.current = last ? last.uuid : null;
  }, [messages, last, myHandle]);

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

  return (
    <div
      className="messages"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label="Messages"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
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
            </li>
          );
        })}
      </ol>
    </div>
  );
}
