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

export interface DocumentState {
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** The IndexedDB copy has been read into `doc`. */
  loaded: boolean;
  /** The first handshake with the server is done since the document was (re)connected. */
  synced: boolean;
  /** Local changes the server has not acknowledged yet. */
  unsynced: number;
  /** The last refusal that keeps this document closed (`deny`), if any. */
  denied?: Refusal;
}

export interface RegistryOptions {
  socket: HocuspocusProviderWebsocket;
  token: string;
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
  closeTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  retryDelayMs: number;
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
    const provider = new HocuspocusProvider({ name, document: doc, token: options.token, websocketProvider: options.socket });
    provider.awareness?.setLocalState(options.initialAwareness());
    const entry: Entry = {
      state: { name, doc, provider, loaded: false, synced: false, unsynced: 0 },
      users,
      persistence,
      retryDelayMs: FIRST_RETRY_MS,
    };
    const current = () => entries.get(name) === entry;
    persistence.whenSynced.then(() => current() && update(entry, { loaded: true }));
    provider.on('synced', () => {
      if (!current()) return;
      entry.retryDelayMs = FIRST_RETRY_MS;
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
    options.onRefusal(name, refusal);
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
        update(entry, { denied: refusal, unsynced: 0 });
        break;
      case 'sign-in':
        entry.state.provider.detach();
        break;
    }
  }

  /**
   * Drops the local copy (memory and IndexedDB) and opens the document afresh from the server.
   * The old entry stays in place until its database is gone, so nothing reopens the old copy.
   */
  async function reset(entry: Entry) {
    const { name } = entry.state;
    clearTimeout(entry.retryTimer);
    clearTimeout(entry.closeTimer);
    entry.state.provider.destroy();
    await entry.persistence.clearData();
    entry.state.doc.destroy();
    if (entries.get(name) !== entry) return;
    entries.set(name, open(name, entry.users));
    if (entry.users <= 0) scheduleClose(entries.get(name)!);
    notify();
  }

  function teardown(entry: Entry) {
    clearTimeout(entry.closeTimer);
    clearTimeout(entry.retryTimer);
    entry.state.provider.destroy();
    void entry.persistence.destroy();
    entry.state.doc.destroy();
  }

  function scheduleClose(entry: Entry) {
    clearTimeout(entry.closeTimer);
    entry.closeTimer = setTimeout(() => {
      const { name } = entry.state;
      if (entries.get(name) !== entry || entry.users > 0) return;
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
