import { useConnection } from '../../collab/useConnection.ts';

/**
 * The link to the server: "Connected · 12 ms", "Syncing 2 edits", or "Offline · 2 pending" with a
 * way to retry at once. Worded and drawn (a cloud, not a dot) unlike the status picker beside it.
 */
export function ConnectionIndicator() {
  const { status, pending, latencyMs, reconnectNow } = useConnection();
  const online = status === 'online';
  const label = online ? (pending > 0 ? `Syncing ${pending} ${pending === 1 ? 'edit' : 'edits'}` : 'Connected') : `Offline${pending > 0 ? ` · ${pending} pending` : ''}`;
  const state = online ? (pending > 0 ? 'syncing' : 'online') : 'offline';
  return (
    <div className="connection" role="group" aria-label="Connection to the server" data-state={state} data-testid="connection" title="Connection to the server">
      <CloudIcon crossed={!online} />
      <span className="connection-label" aria-live="polite">
        {label}
      </span>
      {online && pending === 0 && latencyMs !== null && <span className="connection-latency muted" title="Round trip to the server">{` · ${latencyMs} ms`}</span>}
      {!online && (
        <button type="button" className="button small" onClick={reconnectNow}>
          {status === 'connecting' ? 'Retry now' : 'Reconnect now'}
        </button>
      )}
    </div>
  );
}

function CloudIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg className="connection-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M7 18h10.5a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.4 9.1 4.5 4.5 0 0 0 7 18z" />
      {crossed && <path d="M3 3l18 18" />}
    </svg>
  );
}
