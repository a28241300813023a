// One simulated user: a real HocuspocusProvider on its own WebSocket (as a browser tab has).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Auth } from './protocol.ts';
import { signToken } from '../tokens.ts';

export interface Client {
  doc: string;
  /** The user id its token carries (a chat message's author). */
  user: string;
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Close reasons and refusals seen on this client (Concord's guards report here). */
  problems: string[];
  close(): void;
}

// Every simulated user connects from its own loopback source address (127.0.0.0/8 is all
// loopback on Linux; the destination stays 127.0.0.1), as real users come from their own
// addresses: a server's per-address limits then see one user each, not the whole bench.
const addressSpace = Number(process.env.BENCH_ADDRESS_SPACE ?? 1);
let addressCounter = 0;

function nextSourceAddress(): string {
  addressCounter += 1;
  const n = addressCounter % 65_000;
  return `127.${100 + (addressSpace % 150)}.${n >> 8}.${(n & 255) || 1}`;
}

function socketFrom(localAddress: string): new (address: string | URL, protocols?: string | string[]) => WebSocket {
  return class BoundWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress });
      // ws emits 'error' when a socket still connecting is closed (a client given up on, or
      // torn down at the end); the provider listens through onerror, so a no-op listener here
      // only keeps such an error from crashing the load process.
      this.on('error', () => undefined);
    }
  };
}

export async function openClient(
  url: string,
  auth: Auth,
  doc: string,
  user: string,
  options: { awareness: boolean; ydoc?: Y.Doc; timeoutMs?: number },
): Promise<Client> {
  const token = await signToken(auth.secret, { sub: user, name: user, org: auth.org, role: 'editor' });
  const ydoc = options.ydoc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: socketFrom(nextSourceAddress()), maxAttempts: 3 });
  const problems: string[] = [];
  const provider = new HocuspocusProvider({
    name: doc,
    document: ydoc,
    token,
    websocketProvider: socket,
    // An idle browser tab renews its awareness every 15 s; the bench leaves awareness out
    // unless asked, so that the figures are about document updates.
    ...(options.awareness ? {} : { awareness: null }),
    onAuthenticationFailed: ({ reason }) => problems.push(`auth: ${reason}`),
    onClose: ({ event }) => {
      if (event.code !== 1000 || event.reason) problems.push(`close ${event.code}: ${event.reason}`);
    },
  });
  provider.attach();
  const client: Client = {
    doc,
    user,
    ydoc,
    provider,
    socket,
    problems,
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${doc}: not synced within ${options.timeoutMs ?? 30_000} ms ${problems.join('; ')}`));
    }, options.timeoutMs ?? 30_000);
    if (provider.isSynced) {
      clearTimeout(timer);
      resolve();
      return;
    }
    provider.on('synced', ({ state }: { state: boolean }) => {
      if (!state) return;
      clearTimeout(timer);
      resolve();
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      reject(new Error(`${doc}: authentication failed: ${reason}`));
    });
  }).catch((error: unknown) => {
    client.close();
    throw error;
  });
  return client;
}

/** Resolves once the server has acknowledged every update this client sent. */
export function acknowledged(provider: HocuspocusProvider, atMost = 0): Promise<void> {
  if (provider.unsyncedChanges <= atMost) return Promise.resolve();
  return new Promise((resolve) => {
    const onChange = ({ number }: { number: number }) => {
      if (number > atMost) return;
      provider.off('unsyncedChanges', onChange);
      resolve();
    };
    provider.on('unsyncedChanges', onChange);
  });
}
