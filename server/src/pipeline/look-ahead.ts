/**
 * Look-ahead: typing queued on one connection shares one check, one append and one publish.
 *
 * Hocuspocus handles a connection's messages one at a time and awaits `beforeHandleMessage` for
 * each, and the append stage awaits its commit; a client that sends faster than that (a reconnect
 * flushing offline typing, a fast typist on a slow disk, a trace replay) would pay a commit and a
 * turn of the event loop per message, however many are already waiting behind it. So when an update
 * is handled while more are queued right behind it on the same connection, they are merged with it
 * (Y.mergeUpdates, in groups: protocol/merge-updates.ts) and the merged update takes check → append
 * → publish once. Hocuspocus then applies and acknowledges each frame as usual, every one after the
 * commit that holds it, so "acknowledged means durable" holds frame by frame (docs/ARCHITECTURE.md,
 * "An update's path").
 *
 * Only typing travels together: updates that insert and delete characters in text and nothing else.
 * Checking a merged run is the same as checking its frames one after the other only when no frame
 * changes what the rules read of a later one; rules read map values (a message's fields, a status,
 * a schema, a channel's members) and the shape of where text goes, never the characters, so a run
 * of typing qualifies. A new message, a field write or a status change goes alone: merged, a later
 * frame would be checked against the document before the earlier one (a message posted and then
 * removed would pass the append-only rule).
 */
import type { Connection } from '@hocuspocus/server';
import * as Y from 'yjs';
import { deleteRanges } from '../guards/update-index.ts';
import { frameDocumentName, isEmptyUpdate, readFrame } from '../protocol/frame.ts';
import { mergeUpdatesInGroups } from '../protocol/merge-updates.ts';

export const LOOK_AHEAD_LIMITS = {
  /** Frames merged with the one being handled, at most. */
  frames: 256,
  /** Bytes of updates merged, at most (a large paste goes alone). */
  bytes: 1024 * 1024,
};

/** The frames that joined an update, and their updates merged with it. */
export interface Run {
  /** The joined frames, in the order Hocuspocus will hand them to `beforeHandleMessage`. */
  frames: Uint8Array[];
  merged: Uint8Array;
}

/**
 * The run of typing queued behind `first` on `connection` that can join it: the unbroken run of
 * frames that are typing for the same document, at most `most` of them and within the limits.
 * Anything else in the queue (awareness, another session's frame, an empty sync step 2, an update
 * that does more than type) ends the run, so the frames that joined are exactly the next ones
 * Hocuspocus hands to `beforeHandleMessage`. Null when nothing can join.
 */
export function typingRun(connection: Connection, documentName: string, first: Uint8Array, most: number, limits = LOOK_AHEAD_LIMITS): Run | null {
  const queue = messageQueue(connection);
  if (queue.length < 2 || most < 1 || !onlyTypes(first)) return null;
  const frames: Uint8Array[] = [];
  const updates: Uint8Array[] = [first];
  let bytes = first.byteLength;
  // The queue's first entry is the frame being handled.
  for (let i = 1; i < queue.length && frames.length < Math.min(most, limits.frames); i += 1) {
    const frame = queue[i];
    const update = frame instanceof Uint8Array ? typingFor(frame, documentName) : null;
    if (!update || bytes + update.byteLength > limits.bytes) break;
    bytes += update.byteLength;
    frames.push(frame as Uint8Array);
    updates.push(update);
  }
  if (frames.length === 0) return null;
  try {
    return { frames, merged: mergeUpdatesInGroups(updates) };
  } catch {
    return null;
  }
}

function typingFor(frame: Uint8Array, documentName: string): Uint8Array | null {
  try {
    if (frameDocumentName(frame) !== documentName) return null;
    const parsed = readFrame(frame);
    if (parsed.kind !== 'document-update' || isEmptyUpdate(parsed.update)) return null;
    return onlyTypes(parsed.update) ? parsed.update : null;
  } catch {
    return null;
  }
}

/**
 * Characters inserted into sequences (no map entries, no new types, no formatting) and deletions
 * whose ranges do not overlap — the delete set each frame must pass alone too (update-index.ts),
 * since Hocuspocus applies each frame as it came, not the merged update that was checked.
 */
function onlyTypes(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.parentSub !== null) return false;
    if (!(struct.content instanceof Y.ContentString) && !(struct.content instanceof Y.ContentDeleted)) return false;
  }
  return deleteRanges(decoded.ds) !== null;
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
