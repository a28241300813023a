/**
 * Reading a document outside a connection: the live copy when it is loaded, else one loaded from
 * storage for the duration of `read`.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { applyStored } from '../storage/merge.ts';
import type { DocumentStorage } from '../storage/storage.ts';

export interface DocumentSource {
  storage: DocumentStorage;
  instance: Hocuspocus;
}

/**
 * `version` is the storage version (storage.ts, LoadedDocument) of what `read` sees, or null for
 * the live copy: an update is stored before it is applied, so the live copy may lack one that any
 * version read now would already count.
 */
export async function withDocument<T>(source: DocumentSource, name: string, read: (doc: Y.Doc, version: string | null) => T): Promise<T> {
  const live = source.instance.documents.get(name);
  if (live) return read(live, null);
  const stored = await source.storage.load(name);
  const doc = new Y.Doc();
  try {
    applyStored(doc, stored);
    return read(doc, stored.version);
  } finally {
    doc.destroy();
  }
}
