import { useConnection } from '../../collab/useConnection.ts';

/** Online / syncing N / offline with N pending, latency, and a way to retry at once. */
export function ConnectionIndicator() {
  const { status, pending, latencyMs, reconnectNow } = useConnection();
  const online = status === 'online';
  const label = online
    ? pending > 0
      ? `Syncing ${pending} ${pending === 1 ? 'change' : 'changes'}`
      : 'Online'
    : `Offline${pending > 0 ? ` · ${pending} pending` : ''}`;
  const state = online ? (pending > 0 ? 'syncing' : 'online') : 'offline';
  return (
    <div className="connection" data-state={state} data-testid="connection">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label" aria-live="polite">
        {label}
      </span>
      {online && latencyMs !== null && <span className="connection-latency muted" title="Round trip to the server">{latencyMs} ms</span>}
      {!online && (
        <button type="button" className="button small" onClick={reconnectNow}>
          {status === 'connecting' ? 'Retry now' : 'Reconnect now'}
        </button>
      )}
    </div>
  );
}
