import { useState } from 'react';
import { exportMyMessages } from '../api/cruddur.js';

/**
 * "Download my messages": fetches GET /api/me/export with the session's token (a plain link could not send
 * it) and saves the document as cruddur-messages-<handle>.json. A refusal (429: a few an hour) is said
 * next to the button.
 */
export function DownloadMyMessages({ handle }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');

  async function download() {
    setBusy(true);
    setNote('');
    try {
      const data = await exportMyMessages();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `cruddur-messages-${handle}.json`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setNote(e?.status === 429 ? 'Too many downloads, try again later' : 'Download failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        aria-label="Download my messages"
        title="Download my messages"
        onClick={download}
        disabled={busy}
      >
        <span className="download__long">Download my messages</span>
        <span className="download__short" aria-hidden="true">
          Download
        </span>
      </button>
      {note && (
        <span role="status" className="topbar__note">
          {note}
        </span>
      )}
    </>
  );
}
