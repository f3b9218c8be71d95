import { Link } from 'react-router';
import { PersonCard } from './PersonCard.jsx';

/** The conversation's top line: a back link (narrow screens) and who it is with. */
export function PaneHeader({ user, title }) {
  return (
    <div className="pane__header">
      <Link to="/messages" className="back-link">
        <span aria-hidden="true">←</span> <span className="back-link__text">Conversations</span>
      </Link>
      {user ? (
        <h2 className="pane__title">
          <PersonCard user={user} as="span" />
        </h2>
      ) : title ? (
        <h2 className="pane__title pane__title--text">{title}</h2>
      ) : null}
    </div>
  );
}
