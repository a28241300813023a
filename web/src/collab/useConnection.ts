import { useSyncExternalStore } from 'react';
import type { ConnectionSnapshot } from './connectionMonitor.ts';
import { useCollab } from './CollabContext.ts';

/** Online / connecting / offline, pending changes and latency, for the connection indicator. */
export function useConnection(): ConnectionSnapshot & { reconnectNow(): void } {
  const { connection, reconnectNow } = useCollab();
  const snapshot = useSyncExternalStore(connection.subscribe, connection.snapshot);
  return { ...snapshot, reconnectNow };
}
