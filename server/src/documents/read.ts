/**
 * `GET /api/docs/:name`: the document as JSON through the shared schema, for the holder of a token
 * that may open it (the same rules as connecting).
 */
import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { authorizeDocument } from '../auth/access.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import { documentView } from '../views.ts';

export interface DocsRouteDeps {
  tokens: TokenService;
  storage: DocumentStorage;
  instance: Hocuspocus;
}

export async function getDocumentJson(deps: DocsRouteDeps, token: string | undefined, rawName: string): Promise<unknown> {
  const identity = await deps.tokens.verify(token);
  const { doc: name } = authorizeDocument(identity, rawName);
  return withDocument(deps, rawName, (doc) => documentView(name.kind, doc));
}

/** Runs `read` on the live document when it is loaded, else on a copy loaded from storage. */
export async function withDocument<T>(deps: Pick<DocsRouteDeps, 'storage' | 'instance'>, name: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = deps.instance.documents.get(name);
  if (live) return read(live);
  const stored = await deps.storage.load(name);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return read(doc);
  } finally {
    doc.destroy();
  }
}
