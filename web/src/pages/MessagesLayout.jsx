import { Outlet, useMatch } from 'react-router';
import { useSession } from '../auth/useSession.js';
import { AppHeader } from '../components/AppHeader.jsx';
import { ConversationList } from '../components/ConversationList.jsx';
import { PersonCard } from '../components/PersonCard.jsx';
import { StartConversation } from '../components/StartConversation.jsx';
import { unreadTotal } from '../live/events.js';
import { useLive } from '../live/useLive.js';
import { useMessageGroups } from '../state/useMessageGroups.js';
import { useUserShort } from '../state/useUserShort.js';

/**
 * The messages screens: the conversation list on the left, the open conversation (the child route) on the
 * right. On a narrow screen only one of the two shows: the list at /messages, the conversation below it.
 * Owns the live side (live/useLive.js: the stream and the outbox) and my unread total (header and title).
 */
export function MessagesLayout() {
  const session = useSession();
  const me = session.user;
  const live = useLive(me);
  const groups = useMessageGroups(live, me.handle);
  const unread = unreadTotal(groups.groups, groups.hidden);
  const newMatch = useMatch('/messages/new/:handle');
  const detail = useMatch('/messages/:rest/*') || newMatch;
  const newHandle = newMatch ? newMatch.params.handle : null;
  const profile = useUserShort(newHandle);

  const pinned =
    newHandle && profile.status === 'found' ? (
      <div className="conversations__pinned">
        <span className="sr-only">New conversation with </span>
        <PersonCard user={profile.user} />
        <span className="badge">New</span>
      </div>
    ) : null;

  return (
    <div className="app">
      <a href="#conversation" className="skip-link">
        Skip to conversation
      </a>
      <AppHeader user={me} unread={unread} live={live} />
      <div className={detail ? 'split split--detail' : 'split split--list'}>
        <aside className="split__list" aria-label="Your conversations">
          <h1 className="split__title">Messages</h1>
          <StartConversation />
          <ConversationList
            groups={groups.groups}
            status={groups.status}
            hasMore={groups.hasMore}
            loadingMore={groups.loadingMore}
            onLoadMore={groups.loadMore}
            pinned={pinned}
          />
        </aside>
        <main className="split__detail" id="conversation">
          <Outlet context={{ me, groups, newHandle, profile, live, unread }} />
        </main>
      </div>
    </div>
  );
}
