/** The right-hand side at /messages before a conversation is chosen (hidden on a narrow screen). */
export function MessagesHome() {
  return (
    <div className="empty">
      <title>Messages · Cruddur</title>
      <h2>Your messages</h2>
      <p className="muted">Choose a conversation, or start a new one by handle.</p>
    </div>
  );
}
