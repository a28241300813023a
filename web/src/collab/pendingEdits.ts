/**
 * A document's local edits the server has not acknowledged yet, counted as a person counts them:
 * a burst of changes (typing a line, setting a field, posting a message) is one edit, however many
 * Yjs transactions it took. The provider's own counter counts messages — one per keystroke, one per
 * handshake — which read as "32 pending" for one line and one field.
 *
 * Acknowledged means the provider is synced and has no message awaiting the server's ack: then the
 * server holds everything this copy holds. The count is kept in localStorage per document, so that
 * it survives an offline reload; the registry reopens such documents on start so that their edits
 * are sent and the count clears (see README.md, "Offline").
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';

/** Local changes closer together than this are one edit. */
const BURST_GAP_MS = 1500;
const KEY_PREFIX = 'concord.pending:';

export interface PendingEdits {
  count(): number;
  /** Forgets them: the local copy was dropped, or nothing of it will be acknowledged. */
  discard(): void;
  destroy(): void;
}

export interface PendingEditsOptions {
  /** Where the count is kept: unique per user and document. */
  key: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the stored copy is read into `doc`: acks before that may not cover it. */
  loaded: Promise<unknown>;
  onChange(count: number): void;
}

export function trackPendingEdits({ key, doc, provider, loaded, onChange }: PendingEditsOptions): PendingEdits {
  const storageKey = KEY_PREFIX + key;
  let count = read(storageKey);
  let lastLocalAt = -Infinity;
  let isLoaded = false;
  let stopped = false;

  function set(next: number) {
    if (next === count || stopped) return;
    count = next;
    if (count > 0) localStorage.setItem(storageKey, String(count));
    else localStorage.removeItem(storageKey);
    onChange(count);
  }

  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    // Remote updates and the stored copy being read arrive as non-local transactions.
    if (!transaction.local) return;
    const now = Date.now();
    if (count === 0 || now - lastLocalAt > BURST_GAP_MS) set(count + 1);
    lastLocalAt = now;
  };
  const onUnsynced = () => {
    if (isLoaded && provider.synced && provider.unsyncedChanges === 0) set(0);
  };

  doc.on('update', onUpdate);
  provider.on('unsyncedChanges', onUnsynced);
  void loaded.then(() => {
    isLoaded = true;
    onUnsynced();
  });

  return {
    count: () => count,
    discard: () => set(0),
    destroy() {
      stopped = true;
      doc.off('update', onUpdate);
      provider.off('unsyncedChanges', onUnsynced);
    },
  };
}

/** Documents of `keyPrefix` left with unacknowledged edits, e.g. by an offline reload. */
export function documentsWithPendingEdits(keyPrefix: string): string[] {
  const prefix = KEY_PREFIX + keyPrefix;
  const names: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix) && read(key) > 0) names.push(key.slice(prefix.length));
  }
  return names;
}

function read(storageKey: string): number {
  const value = Number(localStorage.getItem(storageKey));
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
