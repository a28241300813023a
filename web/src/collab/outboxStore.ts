/**
 * The outbox's IndexedDB copy: chat messages with attachments waiting to be sent, with their files
 * as Blobs, so an attachment chosen offline survives a reload and is sent once the connection is back.
 */
import type { Attachment, PostMessageInput } from '@concord/shared';

export interface OutboxFile {
  /** Unique within its post. */
  key: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  /** Set once the server has it; the message then refers to it. */
  uploaded?: Attachment;
}

export interface OutboxPost {
  /** The id the message will have. */
  id: string;
  /** The channel's document name. */
  channel: string;
  /** When it was sent: the message's time, however late it goes out. */
  createdAt: number;
  message: Pick<PostMessageInput, 'text' | 'authorId' | 'authorName' | 'replyTo' | 'mentions'>;
  files: OutboxFile[];
}

export interface OutboxStore {
  all(): Promise<OutboxPost[]>;
  put(post: OutboxPost): Promise<void>;
  delete(id: string): Promise<void>;
  close(): void;
}

const STORE = 'posts';

export async function openOutboxStore(databaseName: string): Promise<OutboxStore> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Resolved on complete, not on success: only then is a write on disk.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  return {
    all: () => run('readonly', (store) => store.getAll() as IDBRequest<OutboxPost[]>),
    put: (post) => run('readwrite', (store) => store.put(post)).then(() => undefined),
    delete: (id) => run('readwrite', (store) => store.delete(id)).then(() => undefined),
    close: () => db.close(),
  };
}

/** Where IndexedDB cannot be opened (some private modes): the outbox still works, for this tab's life. */
export function createMemoryOutboxStore(): OutboxStore {
  const posts = new Map<string, OutboxPost>();
  return {
    all: async () => [...posts.values()],
    put: async (post) => void posts.set(post.id, post),
    delete: async (id) => void posts.delete(id),
    close: () => posts.clear(),
  };
}
