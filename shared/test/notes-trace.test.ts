/**
 * Replays a real two-author concurrent editing trace (friendsforever, CC BY 4.0, editing-traces by
 * Joseph Gentle; attribution in traces/README.md) through two replicas of a notes document. The text
 * goes into the XmlText of one paragraph of `content`, as the editor holds it. Each transaction runs
 * on its author's replica once that replica holds exactly the transactions its `parents` name (the
 * other author's are delivered as real Yjs updates just in time), so positions mean what they meant
 * when typed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, notesContent, notesPlainText } from '../src/index.ts';

interface Txn {
  agent: number;
  parents: number[];
  patches: [number, number, string][];
}
interface Trace {
  endContent: string;
  numAgents: number;
  txns: Txn[];
}

// Kept in the repository as test data, with its attribution (traces/README.md).
const tracePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'traces/friendsforever.json.gz');

it('replays the two-author friendsforever trace into a notes document and ends with its endContent', () => {
  const trace = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8')) as Trace;
  const replicas = Array.from({ length: trace.numAgents }, (_, agent) => {
    const doc = new Y.Doc();
    doc.clientID = agent + 1;
    return doc;
  });
  appendParagraph(replicas[0]);
  const seed = Y.encodeStateAsUpdate(replicas[0]);
  replicas.slice(1).forEach((doc) => Y.applyUpdate(doc, seed));
  const textOf = (doc: Y.Doc): Y.XmlText => (notesContent(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

  // Version vectors: per agent, how many of that agent's transactions a version includes.
  const versions: number[][] = [];
  const ordinal: number[] = [];
  const byAgent: number[][] = Array.from({ length: trace.numAgents }, () => []);
  const updates: Uint8Array[] = [];
  const applied = replicas.map(() => new Array<number>(trace.numAgents).fill(0));

  trace.txns.forEach((txn, index) => {
    const needed = new Array<number>(trace.numAgents).fill(0);
    for (const parent of txn.parents) {
      const parentVersion = versions[parent];
      const parentAgent = trace.txns[parent].agent;
      for (let agent = 0; agent < trace.numAgents; agent++) {
        needed[agent] = Math.max(needed[agent], parentVersion[agent], agent === parentAgent ? ordinal[parent] + 1 : 0);
      }
    }
    const doc = replicas[txn.agent];
    const have = applied[txn.agent];
    for (let agent = 0; agent < trace.numAgents; agent++) {
      if (have[agent] > needed[agent]) throw new Error(`txn ${index}: replica ${txn.agent} already holds more of agent ${agent} than the parents`);
      while (have[agent] < needed[agent]) Y.applyUpdate(doc, updates[byAgent[agent][have[agent]++]], 'remote');
    }
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array, origin: unknown): void => {
      if (origin === 'local') update = u;
    };
    doc.on('update', capture);
    doc.transact(() => {
      const text = textOf(doc);
      for (const [position, deleted, inserted] of txn.patches) {
        if (deleted > 0) text.delete(position, deleted);
        if (inserted.length > 0) text.insert(position, inserted);
      }
    }, 'local');
    doc.off('update', capture);
    updates.push(update ?? Y.encodeStateAsUpdate(new Y.Doc()));
    versions.push(needed);
    ordinal.push(byAgent[txn.agent].length);
    byAgent[txn.agent].push(index);
    have[txn.agent]++;
  });

  // Deliver everything everywhere.
  replicas.forEach((doc, i) => {
    for (let agent = 0; agent < trace.numAgents; agent++) {
      while (applied[i][agent] < byAgent[agent].length) Y.applyUpdate(doc, updates[byAgent[agent][applied[i][agent]++]], 'remote');
    }
  });
  for (const doc of replicas) expect(notesPlainText(doc)).toBe(trace.endContent);
});
