/**
 * What the connection indicator shows: online / syncing N / offline with N pending, and latency.
 * Latency is the round trip of the last acknowledged edit, or of a small `/health` request when
 * nothing was edited lately.
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
  destroy(): void;
}

const PING_EVERY_MS = 20_000;

export function createConnectionMonitor(socket: HocuspocusProviderWebsocket, registry: DocumentRegistry): ConnectionMonitor {
  const listeners = new Set<() => void>();
  let current: ConnectionSnapshot = { status: 'offline', pending: 0, latencyMs: null };
  let editStartedAt: number | null = null;
  let lastMeasuredAt = 0;

  const linkStatus = (): LinkStatus =>
    socket.status === WebSocketStatus.Connected ? 'online' : socket.shouldConnect ? 'connecting' : 'offline';

  function refresh(latencyMs = current.latencyMs) {
    const status = linkStatus();
    const pending = registry.all().reduce((sum, doc) => sum + doc.pending, 0);
    // Only an edit made while connected with nothing pending times the round trip: edits carried
    // over a reconnect would time the handshake.
    const editStarts = status === 'online' && current.status === 'online' && current.pending === 0 && pending > 0;
    if (editStarts && editStartedAt === null) editStartedAt = performance.now();
    if (status === 'online' && pending === 0 && editStartedAt !== null) {
      latencyMs = Math.round(performance.now() - editStartedAt);
      lastMeasuredAt = Date.now();
      editStartedAt = null;
    }
    if (status !== 'online') editStartedAt = null;
    const next = { status, pending, latencyMs };
    if (next.status === current.status && next.pending === current.pending && next.latencyMs === current.latencyMs) return;
    current = next;
    listeners.forEach((listener) => listener());
  }

  async function ping() {
    if (linkStatus() !== 'online' || Date.now() - lastMeasuredAt < PING_EVERY_MS / 2) return;
    const startedAt = performance.now();
    try {
      const response = await fetch('/health', { cache: 'no-store' });
      await response.body?.cancel();
      lastMeasuredAt = Date.now();
      refresh(Math.round(performance.now() - startedAt));
    } catch {
      // Offline: the socket status already says so.
    }
  }

  const onStatus = () => {
    refresh();
    if (linkStatus() === 'online') void ping();
  };
  socket.on('status', onStatus);
  const unsubscribe = registry.subscribe(() => refresh());
  const pinger = setInterval(ping, PING_EVERY_MS);
  refresh();

  return {
    snapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      socket.off('status', onStatus);
      unsubscribe();
      clearInterval(pinger);
      listeners.clear();
    },
  };
}
