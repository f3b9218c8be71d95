import { useLocation, useOutletContext, useParams } from 'react-router';
import { sendMessage } from '../api/cruddur.js';
import { Composer } from '../components/Composer.jsx';
import { MessageList } from '../components/MessageList.jsx';
import { PaneHeader } from '../components/PaneHeader.jsx';
import { useConversation } from '../state/useConversation.js';

/** /messages/<message_group_uuid>: one conversation; a fresh one per uuid (see the route's key). */
export function ConversationPage() {
  const { groupUuid } = useParams();
  return <Conversation key={groupUuid} groupUuid={groupUuid} />;
}

function Conversation({ groupUuid }) {
  const { me, groups } = useOutletContext();
  const location = useLocation();
  const justSent = location.state?.justSent;
  const initial = justSent && justSent.message_group_uuid === groupUuid ? [justSent] : [];
  const convo = useConversation(groupUuid, initial);

  if (convo.status === 'notfound') {
    return (
      <section className="pane" aria-label="Conversation not found">
        <title>Conversation not found · Cruddur</title>
        <PaneHeader />
        <div className="empty">
          <h2>Conversation not found</h2>
          <p className="muted">It does not exist, or you are not part of it.</p>
        </div>
      </section>
    );
  }

  const group = groups.groups.find((g) => g.uuid === groupUuid);
  const other = group
    ? { display_name: group.display_name, handle: group.handle }
    : convo.messages.find((m) => m.handle !== me.handle) || null;

  async function send(text, clientMessageId) {
    const m = await sendMessage({ message: text, messageGroupUuid: groupUuid, clientMessageId });
    convo.addSent(m);
    groups.refresh();
  }

  return (
    <section className="pane" aria-label={other ? `Conversation with ${other.display_name}` : 'Conversation'}>
      <title>{`${other ? other.display_name : 'Conversation'} · Cruddur`}</title>
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
        />
      )}
      <Composer
        onSend={send}
        label={other ? `Message to @${other.handle}` : 'Message'}
        autoFocus={!window.matchMedia?.('(pointer: coarse)').matches}
      />
    </section>
  );
}
