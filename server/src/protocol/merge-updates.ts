/**
 * Y.mergeUpdates of many updates, a group at a time. Yjs's merge filters and re-sorts its list of
 * update readers each time it moves on to another update's structs, so merging n small updates at
 * once costs about n²: for the look-ahead's runs of up to 256 typing frames (pipeline/look-ahead.ts)
 * 3.4 µs a frame at once against 2.0 µs in groups of 32 (docs/BENCHMARKS.md, "Trace replay:
 * Concord's own per-edit costs"). Merging is associative, so the result is the same update.
 */
import * as Y from 'yjs';

/** Updates merged at once; 24–48 measured alike on a trace's typing, 8 and 256 slower. */
export const MERGE_GROUP = 32;

export function mergeUpdatesInGroups(updates: Uint8Array[], group = MERGE_GROUP): Uint8Array {
  // Groups of one would never shrink the list.
  if (!Number.isInteger(group) || group < 2) throw new RangeError(`updates are merged at least two at a time, not ${group}`);
  if (updates.length <= group) return Y.mergeUpdates(updates);
  const merged: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += group) merged.push(Y.mergeUpdates(updates.slice(i, i + group)));
  return mergeUpdatesInGroups(merged, group);
}
