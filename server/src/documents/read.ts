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

export async function withDocument<T>(source: DocumentSource, name: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = source.instance.documents.get(name);
  if (live) return read(live);
  const stored = await source.storage.load(name);
  const doc = new Y.Doc();
  try {
    applyStored(doc, stored);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
