/**
 * Everything the signed-in app shares: the socket, the open documents, the connection monitor and
 * this tab's presence. Created once per session, destroyed on sign-out.
 */
import { newId, postMessage, type PostMessageInput, type Refusal } from '@concord/shared';
import { createFileLinks, type FileLinks } from '../api/fileLinks.ts';
import type { Session } from '../auth/session.ts';
import { renewBeforeExpiry } from '../auth/renewBeforeExpiry.ts';
import { createTokenSource, type TokenSource } from '../auth/tokenSource.ts';
import { createConnectionMonitor, type ConnectionMonitor } from './connectionMonitor.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documentRegistry.ts';
import { startHeartbeat } from './heartbeat.ts';
import { createLocalPresence, type LocalPresenceStore } from './localPresence.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { collabUrl, createCollabSocket, cutSocket, restoreSocket } from './socket.ts';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export interface Collab {
  session: Session;
  socket: HocuspocusProviderWebsocket;
  registry: DocumentRegistry;
  connection: ConnectionMonitor;
  presence: LocalPresenceStore;
  tokens: TokenSource;
  /** The current token for HTTP requests (`session.token` may have been renewed since). */
  token(): Promise<string>;
  /** Signed links to files, for showing attachments. */
  files: FileLinks;
  /** Messages with attachments waiting for their uploads. */
  outbox: Outbox;
  reconnectNow(): void;
  destroy(): void;
}

export function createCollab(session: Session, onRefusal: (name: string, refusal: Refusal) => void): Collab {
  const socket = createCollabSocket(collabUrl(location));
  let registry: DocumentRegistry | undefined;
  const presence = createLocalPresence(session.user, () => registry);
  const tokens = createTokenSource(session);
  const storagePrefix = `concord:${session.user.id}:`;
  registry = createDocumentRegistry({
    socket,
    tokens,
    storagePrefix,
    initialAwareness: presence.awareness,
    onRefusal,
  });
  const connection = createConnectionMonitor(socket, registry);
  const stopHeartbeat = startHeartbeat(socket, connection.roundTrip);
  const stopRenewal = renewBeforeExpiry(tokens, () => registry?.sendRenewedToken());
  const outbox = createOutbox({ databaseName: `${storagePrefix}outbox`, registry, socket, tokens, newId: () => newId() });
  const collab: Collab = {
    session,
    socket,
    registry,
    connection,
    presence,
    tokens,
    token: tokens.token,
    files: createFileLinks(() => tokens.token()),
    outbox,
    reconnectNow: () => restoreSocket(socket),
    destroy() {
      stopHeartbeat();
      stopRenewal();
      outbox.destroy();
      connection.destroy();
      registry?.destroy();
      socket.destroy();
    },
  };
  // Only the journeys' build (`npm run build:test`, mode "test") has them: the production bundle
  // leaves this branch and the hooks out.
  if (import.meta.env.MODE === 'test') exposeTestHooks(collab);
  return collab;
}

declare global {
  interface Window {
    /** Hooks for the end-to-end tests (SETUP-NOTES: `setOffline` alone keeps sockets open). */
    concordTest?: {
      cutSocket(): void;
      restoreSocket(): void;
      persisted(name: string): Promise<void>;
      /** The open Y.Doc of `name`, to make changes no screen would make (refusal tests). */
      doc(name: string): import('yjs').Doc | undefined;
      /** Posts messages to the open channel `name` in one update, to give it a long history quickly. */
      postMessages(name: string, messages: PostMessageInput[]): void;
    };
  }
}

function exposeTestHooks(collab: Collab) {
  window.concordTest = {
    cutSocket: () => cutSocket(collab.socket),
    restoreSocket: () => restoreSocket(collab.socket),
    persisted: (name) => collab.registry.persisted(name),
    doc: (name) => collab.registry.get(name)?.doc,
    postMessages(name, messages) {
      const doc = collab.registry.get(name)?.doc;
      if (!doc) throw new Error(`${name} is not open`);
      doc.transact(() => messages.forEach((message) => postMessage(doc, message)));
    },
  };
}
