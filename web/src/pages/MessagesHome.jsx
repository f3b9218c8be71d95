import { useOutletContext } from 'react-router';
import { PageTitle } from '../components/PageTitle.jsx';

/** The right-hand side at /messages before a conversation is chosen (hidden on a narrow screen). */
export function MessagesHome() {
  const { unread } = useOutletContext();
  return (
    <div className="empty">
      <PageTitle text="Cruddur Messages" unread={unread} />
      <h2>Your messages</h2>
      <p className="muted">Choose a conversation, or start a new one by handle.</p>
    </div>
  );
}
