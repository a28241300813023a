/**
 * Chat history beyond the live limit moves to the archive, never dropped: stored first, then
 * removed from the live array only if those are still its oldest messages.
 */
import { channelMessages, LIVE_MESSAGE_LIMIT, overflowMessages } from '@concord/shared';
import type { DocumentStorage } from '../storage/storage.ts';
import type { ServerWrite } from './server-writer.ts';
import type * as Y from 'yjs';

export function createArchiver(storage: DocumentStorage, write: ServerWrite, limit = LIVE_MESSAGE_LIMIT) {
  const running = new Map<string, Promise<void>>();
  return function archiveOverflow(documentName: string, doc: Y.Doc): Promise<void> {
    if (channelMessages(doc).length <= limit) return Promise.resolve();
    const previous = running.get(documentName) ?? Promise.resolve();
    const next = previous.then(async () => {
      const overflow = overflowMessages(doc, limit);
      if (overflow.length === 0) return;
      await storage.archiveMessages(documentName, overflow.map((message) => ({ id: message.id, createdAt: message.createdAt, message })));
      await write(documentName, (live) => {
        const messages = channelMessages(live);
        const stillOldest = overflow.every((m, i) => messages.get(i)?.get('id') === m.id);
        if (stillOldest) messages.delete(0, overflow.length);
      });
    });
    const settled = next.finally(() => {
      if (running.get(documentName) === settled) running.delete(documentName);
    });
    running.set(documentName, settled);
    return next;
  };
}
