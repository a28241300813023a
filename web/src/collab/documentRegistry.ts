/**
 * The open documents: one Y.Doc per name, each with its own HocuspocusProvider on the shared socket
 * and its own IndexedDB copy (docs/ARCHITECTURE.md, "The web client"), opened on first use and
 * closed a while after the last screen lets go. It also carries out the server's refusals
 * (docs/PROTOCOL.md, "Errors").
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { parseRefusalReason, type Refusal } from '@concord/shared';
import type { TokenSource } from '../auth/tokenSource.ts';
import { documentsWithPendingEdits, trackPendingEdits, type PendingEdits } from './pendingEdits.ts';
import { keepPresenceFresh } from './freshPresence.ts';

export interface DocumentState {
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** The IndexedDB copy has been read into `doc`. */
  loaded: boolean;
  /** The first handshake with the server is done since the document was (re)connected. */
  synced: boolean;
  /** Messages of local changes the server has not acknowledged yet (the provider's count). */
  unsynced: number;
  /** Local edits the server has not acknowledged yet, as a person counts them (pendingEdits.ts). */
  pending: number;
  /** The last refusal that keeps this document closed (`deny`), if any. */
  denied?: Refusal;
}

export interface RegistryOptions {
  socket: HocuspocusProviderWebsocket;
  /** Read on every (re)authentication, so a reconnect sends a renewed token. */
  tokens: TokenSource;
  /** Keeps different users of one browser apart in IndexedDB. */
  storagePrefix: string;
  /** Applied to every new document's awareness before it connects. */
  initialAwareness: () => object;
  onRefusal: (name: string, refusal: Refusal) => void;
  /** How long a document stays open after its last user lets go. */
  lingerMs?: number;
}

interface Entry {
  state: DocumentState;
  users: number;
  persistence: IndexeddbPersistence;
  pending: PendingEdits;
  closeTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  retryDelayMs: number;
  /** Wait before connecting with a renewed token: none the first time, growing if it is refused again. */
  renewDelayMs: number;
}

export type DocumentRegistry = ReturnType<typeof createDocumentRegistry>;

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

export function createDocumentRegistry(options: RegistryOptions) {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const lingerMs = options.lingerMs ?? 15_000;

  const notify = () => listeners.forEach((listener) => listener());
  const update = (entry: Entry, patch: Partial<DocumentState>) => {
    entry.state = { ...entry.state, ...patch };
    notify();
  };

  function open(name: string, users: number): Entry {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(`${options.storagePrefix}${name}`, doc);
    const provider = new HocuspocusProvider({ name, document: doc, token: options.tokens.token, websocketProvider: options.socket });
    provider.awareness?.setLocalState(options.initialAwareness());
    keepPresenceFresh(provider);
    const pending = trackPendingEdits({
      key: `${options.storagePrefix}${name}`,
      doc,
      provider,
      loaded: persistence.whenSynced,
      onChange: (count) => current() && update(entry, { pending: count }),
    });
    const entry: Entry = {
      state: { name, doc, provider, loaded: false, synced: false, unsynced: 0, pending: pending.count() },
      users,
      persistence,
      pending,
      retryDelayMs: FIRST_RETRY_MS,
      renewDelayMs: 0,
    };
    const current = () => entries.get(name) === entry;
    persistence.whenSynced.then(() => current() && update(entry, { loaded: true }));
    provider.on('synced', () => {
      if (!current()) return;
      entry.retryDelayMs = FIRST_RETRY_MS;
      entry.renewDelayMs = 0;
      update(entry, { synced: true });
    });
    provider.on('unsyncedChanges', ({ number }: { number: number }) => current() && update(entry, { unsynced: number }));
    provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (!current()) return;
      if (entry.state.synced) update(entry, { synced: false });
      const refusal = parseRefusalReason(event.reason);
      if (refusal) refuse(entry, refusal);
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (current()) refuse(entry, parseRefusalReason(reason) ?? { code: 'unauthorized', detail: reason, action: 'sign-in' });
    });
    provider.attach();
    return entry;
  }

  function refuse(entry: Entry, refusal: Refusal) {
    const { name } = entry.state;
    // A renewal is silent unless it fails, and keeps its place on the socket to authenticate again.
    if (refusal.action !== 'renew') {
      options.onRefusal(name, refusal);
      forgetClosedConnection(entry.state.provider);
    }
    switch (refusal.action) {
      case 'drop-local-copy':
        void reset(entry);
        break;
      case 'retry':
        entry.state.provider.detach();
        clearTimeout(entry.retryTimer);
        entry.retryTimer = setTimeout(() => entries.get(name) === entry && entry.state.provider.attach(), entry.retryDelayMs);
        entry.retryDelayMs = Math.min(entry.retryDelayMs * 2, LAST_RETRY_MS);
        break;
      case 'tell-user':
        entry.state.provider.detach();
        // Nothing of a closed document will be acknowledged: do not show it as pending.
        entry.pending.discard();
        update(entry, { denied: refusal, unsynced: 0 });
        break;
      case 'renew':
        // Not detached: detaching sends a close the server would hold until the next authentication
        // and then apply to the new connection. Edits meanwhile wait on the server for that too.
        clearTimeout(entry.retryTimer);
        void renew(entry, refusal);
        break;
      case 'sign-in':
        entry.state.provider.detach();
        break;
    }
  }

  /**
   * Gets a fresh token and connects the document again; its unacknowledged changes are in the
   * Y.Doc and IndexedDB, and the sync after connecting sends them. Without a way to renew, the
   * user signs in again; a passing failure (offline) is retried with backoff.
   */
  async function renew(entry: Entry, refusal: Refusal) {
    const { name } = entry.state;
    const current = () => entries.get(name) === entry;
    let token: string | null;
    try {
      token = await options.tokens.renew();
    } catch {
      if (!current()) return;
      entry.retryTimer = setTimeout(() => current() && void renew(entry, refusal), entry.retryDelayMs);
      entry.retryDelayMs = Math.min(entry.retryDelayMs * 2, LAST_RETRY_MS);
      return;
    }
    if (!current()) return;
    if (!token) {
      options.onRefusal(name, { ...refusal, action: 'sign-in' });
      return;
    }
    entry.retryTimer = setTimeout(() => current() && void authenticateAgain(entry.state.provider), entry.renewDelayMs);
    entry.renewDelayMs = Math.min(Math.max(entry.renewDelayMs * 2, FIRST_RETRY_MS), LAST_RETRY_MS);
  }

  /** What the provider does when its socket opens: authenticate (the token is read afresh), then sync. */
  async function authenticateAgain(provider: HocuspocusProvider) {
    await provider.sendToken();
    provider.startSync();
  }

  /**
   * Drops the local copy (memory and IndexedDB) and opens the document afresh from the server.
   * The old entry stays in place until its database is gone, so nothing reopens the old copy.
   */
  async function reset(entry: Entry) {
    const { name } = entry.state;
    clearTimeout(entry.retryTimer);
    clearTimeout(entry.closeTimer);
    entry.pending.discard();
    entry.pending.destroy();
    entry.state.provider.destroy();
    await entry.persistence.clearData();
    entry.state.doc.destroy();
    if (entries.get(name) !== entry) return;
    entries.set(name, open(name, entry.users));
    if (entry.users <= 0) scheduleClose(entries.get(name)!);
    notify();
  }

  /**
   * A refusal means the server has already closed this document's connection (or never opened it).
   * Detaching the provider would still send a Close message; the server, holding no connection under
   * that name, queues it as the first message of the next one and closes the fresh connection as soon
   * as it is made (hocuspocus ClientConnection.handleMessage): a reset copy would then never sync and
   * the screen would show an empty document. Taking the provider off the socket first skips that message.
   */
  function forgetClosedConnection(provider: HocuspocusProvider) {
    options.socket.configuration.providerMap.delete(provider.effectiveName);
  }

  function teardown(entry: Entry) {
    clearTimeout(entry.closeTimer);
    clearTimeout(entry.retryTimer);
    entry.pending.destroy();
    entry.state.provider.destroy();
    void entry.persistence.destroy();
    entry.state.doc.destroy();
  }

  function scheduleClose(entry: Entry) {
    clearTimeout(entry.closeTimer);
    entry.closeTimer = setTimeout(() => {
      const { name } = entry.state;
      if (entries.get(name) !== entry || entry.users > 0) return;
      // Edits not yet acknowledged are sent by this document's provider: keep it until they are.
      if (entry.state.pending > 0) return scheduleClose(entry);
      entries.delete(name);
      teardown(entry);
      notify();
    }, lingerMs);
  }

  function ensureEntry(name: string): Entry {
    let entry = entries.get(name);
    if (!entry) {
      entry = open(name, 0);
      entries.set(name, entry);
      scheduleClose(entry);
    }
    return entry;
  }

  // Edits left unacknowledged by an earlier visit (an offline reload) still have to reach the server.
  for (const name of documentsWithPendingEdits(options.storagePrefix)) ensureEntry(name);

  return {
    /** Opens `name` (or reuses it) for one more user; pair every call with `release`. */
    acquire(name: string): DocumentState {
      const entry = ensureEntry(name);
      clearTimeout(entry.closeTimer);
      entry.users += 1;
      return entry.state;
    },
    release(name: string): void {
      const entry = entries.get(name);
      if (!entry) return;
      entry.users -= 1;
      if (entry.users <= 0) scheduleClose(entry);
    },
    /** The document's state, opening it if needed; it closes again unless someone acquires it. */
    ensure(name: string): DocumentState {
      return ensureEntry(name).state;
    },
    get(name: string): DocumentState | undefined {
      return entries.get(name)?.state;
    },
    all(): DocumentState[] {
      return [...entries.values()].map((entry) => entry.state);
    },
    /** Resolves once every change made so far to `name` is written to IndexedDB. */
    async persisted(name: string): Promise<void> {
      const entry = entries.get(name);
      if (!entry) return;
      await entry.persistence.whenSynced;
      const db = entry.persistence.db;
      if (!db) return;
      // Transactions on one store run in order, so a read queued now completes after earlier writes.
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(['updates'], 'readonly');
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
        transaction.objectStore('updates').count();
      });
    },
    /**
     * Sends the current (renewed) token on every authenticated document connection, so the server
     * keeps them open past the old token's expiry. Others send it when they next authenticate.
     */
    sendRenewedToken(): void {
      for (const { state } of entries.values()) if (state.provider.isAuthenticated) void state.provider.sendToken();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy(): void {
      for (const entry of entries.values()) teardown(entry);
      entries.clear();
      listeners.clear();
    },
  };
}
