import { useId, useState } from 'react';
import { useNavigate } from 'react-router';

/** Normalizes what a person types for a handle: "@Bayko " -> "Bayko". */
export function cleanHandle(input) {
  return input.trim().replace(/^@+/, '').trim();
}

/** "Message someone by handle": goes to /messages/new/<handle>. */
export function StartConversation() {
  const [value, setValue] = useState('');
  const navigate = useNavigate();
  const id = useId();
  const handle = cleanHandle(value);
  return (
    <form
      className="start"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (!handle) return;
        setValue('');
        navigate(`/messages/new/${encodeURIComponent(handle)}`);
      }}
    >
      <label htmlFor={id} className="start__label">
        New conversation
      </label>
      <div className="start__row">
        <input
          id={id}
          className="input"
          type="search"
          placeholder="@handle"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button" disabled={!handle}>
          Start
        </button>
      </div>
    </form>
  );
}
