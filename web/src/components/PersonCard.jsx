import { Avatar } from './Avatar.jsx';

/** A person's short profile: avatar, display name, @handle. */
export function PersonCard({ user, size = 'md', as: Tag = 'div', className = '' }) {
  return (
    <Tag className={`person ${className}`}>
      <Avatar name={user.display_name} handle={user.handle} size={size} />
      <span className="person__names">
        <span className="person__name">{user.display_name}</span>
        <span className="person__handle">@{user.handle}</span>
      </span>
    </Tag>
  );
}
