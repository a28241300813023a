/**
 * The server as a participant: its writes go through a Hocuspocus direct connection, so they are
 * broadcast like anyone's and appended to the durable log (transaction origin "local").
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';

export type ServerWrite = (documentName: string, write: (doc: Y.Doc) => void) => Promise<void>;

export function createServerWriter(instance: () => Hocuspocus): ServerWrite {
  return async (documentName, write) => {
    const connection = await instance().openDirectConnection(documentName, { server: true });
    try {
      await connection.transact((doc) => write(doc));
    } finally {
      await connection.disconnect();
    }
  };
}
