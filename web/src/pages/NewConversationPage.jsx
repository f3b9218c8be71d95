import { Navigate, useNavigate, useOutletContext } from 'react-router';
import { sendMessage } from '../api/cruddur.js';
import { Composer } from '../components/Composer.jsx';
import { PageTitle } from '../components/PageTitle.jsx';
import { PaneHeader } from '../components/PaneHeader.jsx';

/**
 * /messages/new/<handle>: the first message to someone. Sending opens (or reuses) the DM and moves to its
 * page without a reload. An existing conversation with them in the list opens directly.
 */
const sameHandle = (a, b) => a.toLowerCase() === b.toLowerCase();

export function NewConversationPage() {
  const { me, groups, newHandle: handle, profile, unread } = useOutletContext();
  const navigate = useNavigate();

  // Handles are case-insensitive.
  const existing = groups.groups.find((g) => sameHandle(g.handle, handle));
  if (existing) return <Navigate to={`/messages/${existing.uuid}`} replace />;

  async function send(text, clientMessageId) {
    const m = await sendMessage({ message: text, handle, clientMessageId });
    groups.refresh();
    navigate(`/messages/${m.message_group_uuid}`, { state: { justSent: m } });
  }

  if (profile.status === 'notfound') {
    return (
      <section className="pane">
        <PageTitle text="No such user · Cruddur" unread={unread} />
        <PaneHeader />
        <div className="empty" role="status">
          <h2>No such user</h2>
          <p className="muted">
            Nobody on Cruddur has the handle <strong>@{handle}</strong>. Check the spelling and try again.
          </p>
        </div>
      </section>
    );
  }
  if (profile.status !== 'found') {
    return (
      <section className="pane">
        <PaneHeader title={`@${handle}`} />
        <p className="muted pad" role={profile.status === 'error' ? 'alert' : 'status'}>
          {profile.status === 'error' ? 'Could not look up that handle. Try again.' : 'Looking up…'}
        </p>
      </section>
    );
  }

  const user = profile.user;
  const self = sameHandle(user.handle, me.handle);
  return (
    <section className="pane" aria-label={`New conversation with ${user.display_name}`}>
      <PageTitle text={`New message to ${user.display_name} · Cruddur`} unread={unread} />
      <PaneHeader user={user} />
      <div className="empty messages">
        {self ? (
          <p className="muted">That is you. Pick someone else to message.</p>
        ) : (
          <p className="muted">
            This is the start of your conversation with <strong>{user.display_name}</strong>.
          </p>
        )}
      </div>
      {!self && <Composer onSend={send} label={`First message to @${user.handle}`} autoFocus />}
    </section>
  );
}
