/**
 * Lookups into one decoded update that stay cheap whatever its shape (issue 10): its structs by
 * client, sorted by clock, found by binary search; its delete set as sorted ranges per client.
 */
import type * as Y from 'yjs';

interface Ranged {
  id: Y.ID;
  length: number;
}

export type StructIndex<T extends Ranged> = ReadonlyMap<number, readonly T[]>;

/** Sorted per client: a crafted update may list a client more than once. */
export function indexByClient<T extends Ranged>(structs: Iterable<T>): StructIndex<T> {
  const byClient = new Map<number, T[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

/** The struct of the index that covers `id`, if any. */
export function findInIndex<T extends Ranged>(index: StructIndex<T>, id: Y.ID): T | undefined {
  const list = index.get(id.client);
  if (!list) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid]!;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}

export interface DeleteRange {
  clock: number;
  len: number;
}

/**
 * The delete set's ranges per client, sorted by clock; null when two of them overlap. Yjs writes
 * sorted, merged delete sets (a transaction's, `encodeStateAsUpdate`, `mergeUpdates`), but
 * applies whatever it reads range by range, walking every struct of each: the same range repeated
 * 100,000 times in a few hundred kilobytes would make applying it walk the document 100,000 times.
 */
export function deleteRanges(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Map<number, DeleteRange[]> | null {
  const out = new Map<number, DeleteRange[]>();
  for (const [client, items] of ds.clients) {
    const ranges = items.map(({ clock, len }) => ({ clock, len })).sort((a, b) => a.clock - b.clock);
    for (let i = 1; i < ranges.length; i += 1) {
      const previous = ranges[i - 1]!;
      if (ranges[i]!.clock < previous.clock + previous.len) return null;
    }
    out.set(client, ranges);
  }
  return out;
}
