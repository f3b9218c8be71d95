import { Link, useNavigate } from 'react-router';
import { endSession } from '../auth/session.js';
import { Avatar } from './Avatar.jsx';
import { ConnectionStatus } from './ConnectionStatus.jsx';
import { DownloadMyMessages } from './DownloadMyMessages.jsx';

/**
 * The top bar: the app's name with my unread total, the connection note, who is signed in, and
 * "Download my messages" and "Sign out" (which forgets the token).
 */
export function AppHeader({ user, unread = 0, live }) {
  const navigate = useNavigate();
  return (
    <header className="topbar">
      <Link to="/messages" className="brand">
        Cruddur <span className="brand__sub">Messages</span>
        {unread > 0 && (
          <span className="unread-total">
            {unread}
            <span className="sr-only"> unread</span>
          </span>
        )}
      </Link>
      {live && <ConnectionStatus status={live.status} online={live.online} />}
      <div className="topbar__me">
        <span className="topbar__who">
          <Avatar name={user.display_name} handle={user.handle} size="sm" />
          <span className="topbar__handle">
            <span className="sr-only">Signed in as </span>@{user.handle}
          </span>
        </span>
        <DownloadMyMessages handle={user.handle} />
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            endSession();
            navigate('/signin', { replace: true });
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
