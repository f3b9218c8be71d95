/**
 * A small note in the top bar while the app is offline or its live connection is being re-established
 * (nothing while connected, and nothing against a server without the stream, where the app polls).
 * "Reconnecting" shows after a second (CSS), so a quick reconnect does not flash.
 */
export function ConnectionStatus({ status, online }) {
  const state = !online || status === 'offline' ? 'offline' : status === 'reconnecting' ? 'reconnecting' : null;
  return (
    <span className="conn" role="status" data-status={status} data-online={online ? "yes" : "no"}>
      {state === 'offline' && (
        <span className="conn__note conn__note--offline">
          Offline<span className="conn__more"> — messages will be sent when you are back</span>
        </span>
      )}
      {state === 'reconnecting' && <span className="conn__note conn__note--reconnecting">Reconnecting…</span>}
    </span>
  );
}
