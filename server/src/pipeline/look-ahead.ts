/**
 * Look-ahead: document updates queued on one connection share one check, one append and one publish.
 *
 * Hocuspocus handles a connection's messages one at a time and awaits `beforeHandleMessage` for
 * each, and the append stage awaits its commit; a client that sends faster than that (a reconnect
 * flushing offline edits, a paste, a fast typist on a slow disk) would pay a commit and a turn of the
 * event loop per message, however many are already waiting behind it. So when an update is handled
 * while more are queued right behind it on the same connection, they are merged with it
 * (Y.mergeUpdates) and the merged update takes check → append → publish once. Hocuspocus then
 * applies and acknowledges each frame as usual, every one after the commit that holds it, so
 * "acknowledged means durable" holds frame by frame (docs/ARCHITECTURE.md, "An update's path").
 *
 * If the merged update is refused, the first frame is handled alone as before and the frames that
 * were queued behind it follow one by one, so a refusal names the frame that caused it.
 */
import type { Connection } from '@hocuspocus/server';
import { frameDocumentName, isEmptyUpdate, readFrame } from '../protocol/frame.ts';

export const LOOK_AHEAD_LIMITS = {
  /** Frames merged with the one being handled, at most. */
  frames: 256,
  /** Bytes of updates merged, at most (a large paste goes alone). */
  bytes: 1024 * 1024,
};

/**
 * The Yjs updates queued behind the frame being handled on `connection` that can join it: the
 * unbroken run of non-empty document updates for the same document, within the limits. Anything
 * else in the queue (awareness, another document's frame, an empty sync step 2) ends the run, so
 * the frames that joined are exactly the next ones Hocuspocus hands to `beforeHandleMessage`.
 */
export function queuedUpdates(connection: Connection, documentName: string, limits = LOOK_AHEAD_LIMITS): Uint8Array[] {
  const queue = messageQueue(connection);
  const updates: Uint8Array[] = [];
  let bytes = 0;
  // The queue's first entry is the frame being handled.
  for (let i = 1; i < queue.length && updates.length < limits.frames; i += 1) {
    const update = documentUpdate(queue[i], documentName);
    if (!update || bytes + update.byteLength > limits.bytes) break;
    bytes += update.byteLength;
    updates.push(update);
  }
  return updates;
}

function documentUpdate(frame: unknown, documentName: string): Uint8Array | null {
  if (!(frame instanceof Uint8Array)) return null;
  try {
    if (frameDocumentName(frame) !== documentName) return null;
    const parsed = readFrame(frame);
    return parsed.kind === 'document-update' && !isEmptyUpdate(parsed.update) ? parsed.update : null;
  } catch {
    return null;
  }
}

/**
 * Hocuspocus 4 keeps a connection's unhandled frames in `messageQueue`, which its types mark
 * private. Read-only, and checked at run time: if a later version renames it, nothing is merged and
 * every update takes its own commit again (server/test/pipeline/look-ahead.test.ts says so).
 */
function messageQueue(connection: Connection): readonly unknown[] {
  const queue: unknown = Reflect.get(connection, 'messageQueue');
  return Array.isArray(queue) ? queue : [];
}
