import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { waitFor } from './wait.ts';

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Reasons the server gave for refusing or closing this document connection. */
  refusals: string[];
  synced(): Promise<void>;
  /** Resolves once the server has acknowledged every local change. */
  acknowledged(): Promise<void>;
  destroy(): void;
}

export function connect(wsUrl: string, name: string, token: string, doc = new Y.Doc()): TestClient {
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, delay: 50, maxDelay: 200, minDelay: 20 });
  const refusals: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
    onClose: ({ event }) => {
      if (event.reason) refusals.push(event.reason);
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    refusals,
    synced: () => waitFor(() => provider.isSynced, `${name} to sync`).then(() => undefined),
    acknowledged: () => waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, `${name} to be acknowledged`).then(() => undefined),
    destroy() {
      // The provider drops its own listeners before closing; a socket still connecting (to a server
      // a test killed) then reports "closed before the connection was established" with nobody
      // listening, which would be an uncaught error.
      socket.webSocket?.addEventListener('error', () => undefined);
      provider.destroy();
      socket.destroy();
    },
  };
}
