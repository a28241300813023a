/**
 * The last list of each record type, kept in IndexedDB so the records view opens from it at once
 * on a later visit (and offline) while the server's current list loads.
 */
import type { RecordList } from './fetchRecords.ts';

export interface CachedList extends RecordList {
  type: string;
  savedAt: number;
}

export interface RecordsCache {
  read(type: string): Promise<CachedList | undefined>;
  write(list: CachedList): Promise<void>;
}

const STORE = 'lists';

export function openRecordsCache(databaseName: string): RecordsCache {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'type' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));

  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const database = await db();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  return {
    read: (type) => run('readonly', (store) => store.get(type) as IDBRequest<CachedList | undefined>),
    write: (list) => run('readwrite', (store) => store.put(list)).then(() => undefined),
  };
}
