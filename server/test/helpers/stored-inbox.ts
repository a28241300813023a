/** A user's inbox as storage holds it: what the server has durably delivered, whoever is connected. */
import { listInboxItems, type InboxItem } from '@concord/shared';
import * as Y from 'yjs';
import { applyStored } from '../../src/storage/merge.ts';
import type { TestServer } from './server.ts';

export async function storedInbox(server: TestServer, userId: string, org = 'acme'): Promise<InboxItem[]> {
  const doc = new Y.Doc();
  applyStored(doc, await server.server.storage.load(`${org}:inbox:${userId}`));
  return listInboxItems(doc);
}
