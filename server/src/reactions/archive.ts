/**
 * Chat history beyond the live limit moves to the archive, never dropped: stored first, then
 * removed from the live array only if those are still its oldest messages.
 *
 * A channel past its limit is archived after `gatherMs`, everything beyond the limit by then in one
 * pass. Moved one by one, a busy channel at its limit cost, per message posted, an archive
 * transaction and a server write (checked, appended, committed and broadcast to every peer): one
 * more message to every connection per message (docs/BENCHMARKS.md, "Fan-out: what bare Hocuspocus
 * does not pay").
 */
import { channelMessages, LIVE_MESSAGE_LIMIT, overflowMessages } from '@concord/shared';
import type { DocumentStorage } from '../storage/storage.ts';
import type { ServerWrite } from './server-writer.ts';
import type * as Y from 'yjs';

/** How long a channel past its limit waits for more messages to move with the first. */
export const ARCHIVE_GATHER_MS = 200;

export function createArchiver(storage: DocumentStorage, write: ServerWrite, limit = LIVE_MESSAGE_LIMIT, gatherMs = ARCHIVE_GATHER_MS) {
  // Channel → its next pass while it waits to start; a channel's passes run one at a time.
  const waiting = new Map<string, Promise<void>>();
  const running = new Map<string, Promise<void>>();

  async function archive(documentName: string, doc: Y.Doc): Promise<void> {
    const overflow = overflowMessages(doc, limit);
    if (overflow.length === 0) return;
    await storage.archiveMessages(documentName, overflow.map((message) => ({ id: message.id, createdAt: message.createdAt, message })));
    await write(documentName, (live) => {
      const messages = channelMessages(live);
      // One read from the start: a read by position walks past every message removed before.
      const oldest = messages.slice(0, overflow.length);
      const stillOldest = overflow.every((m, i) => oldest[i]?.get('id') === m.id);
      if (stillOldest) messages.delete(0, overflow.length);
    });
  }

  return function archiveOverflow(documentName: string, doc: Y.Doc): Promise<void> {
    if (channelMessages(doc).length <= limit) return Promise.resolve();
    const queued = waiting.get(documentName);
    if (queued) return queued;
    const previous = running.get(documentName) ?? Promise.resolve();
    const next = previous
      .then(() => new Promise((resolve) => setTimeout(resolve, gatherMs)))
      .then(() => {
        waiting.delete(documentName);
        return archive(documentName, doc);
      });
    waiting.set(documentName, next);
    // A failed pass is the reaction's to log (it gets `next`); the channel's next pass still runs.
    const settled = next.catch(() => undefined).finally(() => {
      if (waiting.get(documentName) === next) waiting.delete(documentName);
      if (running.get(documentName) === settled) running.delete(documentName);
    });
    running.set(documentName, settled);
    return next;
  };
}
