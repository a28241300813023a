/**
 * What the connection indicator shows: connected / syncing N / offline with N pending, and latency.
 * Latency is the round trip of the last heartbeat ping (heartbeat.ts), sent whenever the socket has
 * been quiet for a moment.
 */
import { WebSocketStatus, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { DocumentRegistry } from './documentRegistry.ts';

export type LinkStatus = 'online' | 'connecting' | 'offline';

export interface ConnectionSnapshot {
  status: LinkStatus;
  /** Local edits not yet acknowledged by the server, over all open documents (pendingEdits.ts). */
  pending: number;
  latencyMs: number | null;
}

export interface ConnectionMonitor {
  snapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  /** A measured round trip to the server. */
  roundTrip(ms: number): void;
  destroy(): void;
}

export function createConnectionMonitor(socket: HocuspocusProviderWebsocket, registry: DocumentRegistry): ConnectionMonitor {
  const listeners = new Set<() => void>();
  let current: ConnectionSnapshot = { status: 'offline', pending: 0, latencyMs: null };

  const linkStatus = (): LinkStatus =>
    socket.status === WebSocketStatus.Connected ? 'online' : socket.shouldConnect ? 'connecting' : 'offline';

  function refresh(latencyMs = current.latencyMs) {
    const status = linkStatus();
    const pending = registry.all().reduce((sum, doc) => sum + doc.pending, 0);
    const next = { status, pending, latencyMs };
    if (next.status === current.status && next.pending === current.pending && next.latencyMs === current.latencyMs) return;
    current = next;
    listeners.forEach((listener) => listener());
  }

  const onStatus = () => refresh();
  socket.on('status', onStatus);
  const unsubscribe = registry.subscribe(() => refresh());
  refresh();

  return {
    snapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    roundTrip: (ms) => refresh(Math.round(ms)),
    destroy() {
      socket.off('status', onStatus);
      unsubscribe();
      listeners.clear();
    },
  };
}
