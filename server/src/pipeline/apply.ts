/**
 * The server's apply stage. A client's update is applied by Hocuspocus after append and publish;
 * the server's own write is made on the live document first, as the server (a copy to write on
 * would double the memory of every document the server writes to, a workspace with thousands of
 * people included), and what it changed, as one update, then takes the append and publish stages.
 */
import type { LocalTransactionOrigin } from '@hocuspocus/server';
import * as Y from 'yjs';

export const SERVER_ORIGIN = { source: 'local', context: { server: true } } satisfies LocalTransactionOrigin;

/** Makes `write` on `document` in one transaction; what it changed, or null when nothing. */
export function applyAsServer(document: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array | null {
  let update: Uint8Array | null = null;
  const collect = (made: Uint8Array, origin: unknown) => {
    if (origin === SERVER_ORIGIN) update = update ? Y.mergeUpdates([update, made]) : made;
  };
  document.on('update', collect);
  try {
    document.transact(() => write(document), SERVER_ORIGIN);
  } finally {
    document.off('update', collect);
  }
  return update;
}
