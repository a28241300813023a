/**
 * Where the server's part of a cold load goes (issue 12): a stored 1 MB notes document (built as the
 * cold-load scenario builds it, 128 KB at a time) applied to a fresh Y.Doc — with no listener, and
 * with an `update` listener, as Hocuspocus's Document has one from its constructor, so that Yjs
 * encodes the whole loaded state once more as an update nobody receives — then the sync answer to a
 * new client (`encodeStateAsUpdate`, an empty state vector). The first round runs on code the JIT
 * has not seen (the first load after a restart); the median is over the later rounds. In-process,
 * since it measures Yjs calls: `npx tsx bench/src/load-cost.ts [MB] [rounds]`.
 */
import * as Y from 'yjs';
import { appendFiller } from './load/edits.ts';

const mb = Number(process.argv[2] ?? 1);
const rounds = Math.max(2, Number(process.argv[3] ?? 20));

const source = new Y.Doc();
for (let written = 0; written < mb * 2 ** 20; written += 128 * 1024) appendFiller(source, 128 * 1024);
const snapshot = Y.encodeStateAsUpdate(source);

const steps = {
  'apply, no listener': () => Y.applyUpdate(new Y.Doc(), snapshot),
  'apply, with an update listener': () => {
    const doc = new Y.Doc();
    doc.on('update', () => undefined);
    Y.applyUpdate(doc, snapshot);
  },
  'sync answer (encodeStateAsUpdate)': (() => {
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, snapshot);
    return () => Y.encodeStateAsUpdate(loaded);
  })(),
};

const times = new Map<string, number[]>(Object.keys(steps).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, step] of Object.entries(steps)) {
    const t0 = performance.now();
    step();
    times.get(name)!.push(performance.now() - t0);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${(snapshot.byteLength / 2 ** 20).toFixed(2)} MB snapshot, ${rounds} rounds\n`);
console.log('| step | first round ms | median of the rest ms |');
console.log('|---|---|---|');
for (const [name, values] of times) console.log(`| ${name} | ${values[0]!.toFixed(1)} | ${median(values.slice(1)).toFixed(1)} |`);
