import { useEffect, useId, useRef, useState } from 'react';
import { errorText } from '../lib/errors.js';
import { charsLeft, MAX_MESSAGE_CODE_POINTS } from '../lib/text.js';
import { newClientMessageId } from '../lib/uuid.js';
import { CharCounter } from './CharCounter.jsx';

/**
 * The message box. Enter sends, Shift+Enter starts a new line. `onSend(text, clientMessageId)` returns a
 * promise; on success the box clears, on failure the text stays with the error shown, and sending the same
 * text again reuses the same client_message_id so a retry never duplicates the message. (A conversation
 * hands the message to the outbox, whose onSend returns at once.) `onTextChange(text)`: for typing frames.
 */
export function Composer({ onSend, onTextChange, label = 'Message', placeholder = 'Write a message…', autoFocus = false }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const sendingRef = useRef(false);
  const attemptRef = useRef(null); // {text, id} of the last failed send
  const boxRef = useRef(null);
  const mounted = useRef(true);
  const uid = useId();
  const counterId = `${uid}-counter`;
  const errorId = `${uid}-error`;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const left = charsLeft(text);
  const blank = text.trim() === '';
  const canSend = !blank && left >= 0 && !sending;

  async function submit() {
    if (sendingRef.current || blank || left < 0) return;
    const attempt = attemptRef.current;
    const id = attempt && attempt.text === text ? attempt.id : newClientMessageId();
    sendingRef.current = true;
    setSending(true);
    setError(null);
    try {
      await onSend(text, id);
      attemptRef.current = null;
      if (mounted.current) setText('');
    } catch (e) {
      attemptRef.current = { text, id };
      if (mounted.current) setError(e && e.codes ? e.codes.map(errorText).join(' ') : errorText('network_error'));
    } finally {
      sendingRef.current = false;
      if (mounted.current) {
        setSending(false);
        boxRef.current?.focus();
      }
    }
  }

  function onKeyDown(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-busy={sending}
    >
      <label htmlFor={`${uid}-box`} className="sr-only">
        {label}
      </label>
      <textarea
        id={`${uid}-box`}
        ref={boxRef}
        className="composer__box"
        value={text}
        placeholder={placeholder}
        rows={2}
        autoFocus={autoFocus}
        readOnly={sending}
        aria-invalid={left < 0 || Boolean(error)}
        aria-describedby={error ? `${counterId} ${errorId}` : counterId}
        onChange={(e) => {
          setText(e.target.value);
          onTextChange?.(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer__bar">
        <CharCounter id={counterId} text={text} max={MAX_MESSAGE_CODE_POINTS} />
        <span className="composer__hint" aria-hidden="true">
          Enter to send, Shift+Enter for a new line
        </span>
        <button type="submit" className="button button--primary" disabled={!canSend}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      {error && (
        <p id={errorId} className="composer__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
