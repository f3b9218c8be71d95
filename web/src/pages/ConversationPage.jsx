import { useRef } from 'react';
import { useLocation, useOutletContext, useParams } from 'react-router';
import { Composer } from '../components/Composer.jsx';
import { MessageList } from '../components/MessageList.jsx';
import { PageTitle } from '../components/PageTitle.jsx';
import { PaneHeader } from '../components/PaneHeader.jsx';
import { seenMessageUuid, typingText } from '../live/events.js';
import { placeholders } from '../live/outbox.js';
import { shouldSendTyping } from '../live/throttle.js';
import { useReadMarker } from '../live/useReadMarker.js';
import { useConversation } from '../state/useConversation.js';

/** /messages/<message_group_uuid>: one conversation; a fresh one per uuid (see the route's key). */
export function ConversationPage() {
  const { groupUuid } = useParams();
  return <Conversation key={groupUuid} groupUuid={groupUuid} />;
}

const later = (a, b) => (!a ? b || null : !b ? a : a > b ? a : b);

function Conversation({ groupUuid }) {
  const { me, groups, live, unread } = useOutletContext();
  const location = useLocation();
  const justSent = location.state?.justSent;
  const initial = justSent && justSent.message_group_uuid === groupUuid ? [justSent] : [];
  const convo = useConversation(groupUuid, initial, live, me.handle);
  const group = groups.groups.find((g) => g.uuid === groupUuid);
  const newest = convo.messages.length ? convo.messages[convo.messages.length - 1] : null;
  const typingSentAt = useRef(null);

  useReadMarker({
    groupUuid,
    newestUuid: convo.status === 'ready' ? newest?.uuid : null,
    unread: group?.unread,
    onAnswer: (answer) => groups.readAnswered(groupUuid, answer),
  });

  if (convo.status === 'notfound') {
    return (
      <section className="pane" aria-label="Conversation not found">
        <PageTitle text="Conversation not found · Cruddur" unread={unread} />
        <PaneHeader />
        <div className="empty">
          <h2>Conversation not found</h2>
          <p className="muted">It does not exist, or you are not part of it.</p>
        </div>
      </section>
    );
  }

  const other = group
    ? { display_name: group.display_name, handle: group.handle }
    : convo.messages.find((m) => m.handle !== me.handle) || null;
  const pending = placeholders(live.outbox, groupUuid, convo.messages, me.handle);
  const seen = seenMessageUuid(convo.messages, me.handle, later(group?.other_read_at, convo.otherReadAt));
  const typing = typingText(convo.typing, Date.now());

  // The message goes to the outbox: shown at once, sent in order, retried with the same id.
  function send(text, clientMessageId) {
    live.enqueue({ id: clientMessageId, groupUuid, text });
    typingSentAt.current = null;
    if (live.status !== 'open') groups.refresh();
  }

  function typed(text) {
    const now = Date.now();
    if (live.status !== 'open' || !shouldSendTyping(typingSentAt.current, now, text)) return;
    if (live.send({ type: 'typing', message_group_uuid: groupUuid })) typingSentAt.current = now;
  }

  return (
    <section className="pane" aria-label={other ? `Conversation with ${other.display_name}` : 'Conversation'}>
      <PageTitle text={`${other ? other.display_name : 'Conversation'} · Cruddur`} unread={unread} />
      <PaneHeader user={other} title="Conversation" />
      {convo.status === 'loading' && convo.messages.length === 0 ? (
        <p className="muted pad messages">Loading messages…</p>
      ) : convo.status === 'error' && convo.messages.length === 0 ? (
        <p className="muted pad messages" role="alert">
          Could not load this conversation. Retrying…
        </p>
      ) : (
        <MessageList
          messages={convo.messages}
          myHandle={me.handle}
          hasOlder={convo.hasOlder}
          loadingOlder={convo.loadingOlder}
          onLoadOlder={convo.loadOlder}
          pending={pending}
          seenUuid={seen}
          onRetry={live.retry}
          onDiscard={live.discard}
        />
      )}
      <p className="typing" aria-live="polite">
        {typing}
      </p>
      <Composer
        onSend={send}
        onTextChange={typed}
        label={other ? `Message to @${other.handle}` : 'Message'}
        autoFocus={!window.matchMedia?.('(pointer: coarse)').matches}
      />
    </section>
  );
}
