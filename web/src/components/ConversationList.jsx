import { NavLink } from 'react-router';
import { Avatar } from './Avatar.jsx';
import { Time } from './Time.jsx';

/**
 * My conversations, newest activity first: avatar, name, @handle, last message, relative time, and a badge
 * with the number of unread messages.
 */
export function ConversationList({ groups, status, hasMore, loadingMore, onLoadMore, pinned }) {
  return (
    <nav className="conversations" aria-label="Conversations">
      {pinned}
      {status === 'loading' && groups.length === 0 && <p className="muted pad">Loading conversations…</p>}
      {status === 'error' && groups.length === 0 && (
        <p className="muted pad" role="alert">
          Could not load your conversations. Retrying…
        </p>
      )}
      {status === 'ready' && groups.length === 0 && !pinned && (
        <p className="muted pad">No conversations yet. Start one by searching for a handle above.</p>
      )}
      {groups.length > 0 && (
        <ul className="conversations__list">
          {groups.map((g) => (
            <li key={g.uuid}>
              <NavLink to={`/messages/${g.uuid}`} className="conversation-item">
                <Avatar name={g.display_name} handle={g.handle} />
                <span className="conversation-item__body">
                  <span className="conversation-item__top">
                    <span className="conversation-item__name">{g.display_name}</span>
                    <span className="conversation-item__handle">@{g.handle}</span>
                    <Time className="conversation-item__time" value={g.created_at} />
                  </span>
                  <span className="conversation-item__bottom">
                    <span className="conversation-item__preview">{g.message}</span>
                    {g.unread > 0 && (
                      <span className="unread-badge">
                        {g.unread}
                        <span className="sr-only"> unread</span>
                      </span>
                    )}
                  </span>
                </span>
              </NavLink>
            </li>
          ))}
        </ul>
      )}
      {hasMore && (
        <div className="pad">
          <button type="button" className="button button--wide" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </nav>
  );
}
