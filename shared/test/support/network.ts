/**
 * A seeded random network between real Y.Docs: every local update is sent to every other replica as
 * real update bytes; delivery picks a random pending message on a random open link (so messages
 * reorder and wait arbitrarily long), sometimes delivers a message twice, and links can be cut
 * (partitions) and healed. Yjs must integrate whatever order arrives.
 */
import * as Y from 'yjs';

const NETWORK = Symbol('network');

export interface Network {
  docs: Y.Doc[];
  /** Delivers up to `count` random pending messages on open links. */
  deliver(count: number): void;
  /** Cuts every link between replicas whose bit in `mask` differs. */
  partition(mask: number): void;
  /** Cuts every link: each replica works alone (offline). */
  isolate(): void;
  heal(): void;
  /** Heals and delivers everything still pending, in random order. */
  settle(): void;
  pending(): number;
  destroy(): void;
}

interface Message {
  bytes: Uint8Array;
  duplicated: boolean;
}

export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createNetwork(size: number, seed: number, duplicateRate = 0.1): Network {
  const random = createRng(seed);
  const docs = Array.from({ length: size }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  // queues[from][to]
  const queues: Message[][][] = docs.map(() => docs.map(() => []));
  let cut = new Set<string>();
  const handlers = docs.map((doc, from) => {
    const handler = (bytes: Uint8Array, origin: unknown): void => {
      if (origin === NETWORK) return;
      docs.forEach((_, to) => {
        if (to !== from) queues[from][to].push({ bytes, duplicated: false });
      });
    };
    doc.on('update', handler);
    return handler;
  });

  const openLinks = (): [number, number][] => {
    const links: [number, number][] = [];
    queues.forEach((row, from) => row.forEach((queue, to) => {
      if (queue.length > 0 && !cut.has(`${from}>${to}`)) links.push([from, to]);
    }));
    return links;
  };

  const deliverOne = (): boolean => {
    const links = openLinks();
    if (links.length === 0) return false;
    const [from, to] = links[Math.floor(random() * links.length)];
    const queue = queues[from][to];
    const index = Math.floor(random() * queue.length);
    const message = queue[index];
    if (!message.duplicated && random() < duplicateRate) message.duplicated = true;
    else queue.splice(index, 1);
    Y.applyUpdate(docs[to], message.bytes, NETWORK);
    return true;
  };

  return {
    docs,
    deliver(count) {
      for (let i = 0; i < count && deliverOne(); i++);
    },
    partition(mask) {
      cut = new Set();
      docs.forEach((_, a) => docs.forEach((__, b) => {
        if (((mask >> a) & 1) !== ((mask >> b) & 1)) cut.add(`${a}>${b}`);
      }));
    },
    isolate() {
      cut = new Set();
      docs.forEach((_, a) => docs.forEach((__, b) => cut.add(`${a}>${b}`)));
    },
    heal() {
      cut = new Set();
    },
    settle() {
      cut = new Set();
      while (deliverOne());
    },
    pending() {
      return queues.flat().reduce((sum, queue) => sum + queue.length, 0);
    },
    destroy() {
      docs.forEach((doc, i) => doc.off('update', handlers[i]));
      docs.forEach((doc) => doc.destroy());
    },
  };
}

/** Sends the full state of `docs[0]` to every replica right away (the creator's initial content). */
export function seedFromFirst(network: Network): void {
  const update = Y.encodeStateAsUpdate(network.docs[0]);
  network.docs.slice(1).forEach((doc) => Y.applyUpdate(doc, update, NETWORK));
  // Drop the now-redundant queued copies of the creator's updates so the first ops start clean.
  network.settle();
}
