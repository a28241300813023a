/**
 * What the guards cost per update (issue 4): `checkUpdate` on typical updates against a 1 MB notes
 * document and a 1000-message channel, next to what applying the same update costs. In-process,
 * since it measures one function; `npm run bench -- --scenarios validation`.
 */
import { appendParagraph, editMessage, notesContent, postMessage, setReaction } from '@concord/shared';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/src/guards/check-update.ts';
import type { Identity } from '../../server/src/auth/claims.ts';

export interface ValidationCostRow {
  document: string;
  update: string;
  checkMedianUs: number;
  checkP99Us: number;
  applyMedianUs: number;
  ratio: number;
}

const ana: Identity = { userId: 'ana', name: 'Ana', org: 'bench', role: 'editor' };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Times check and apply of `make`'s update against `base`, `rounds` times, on fresh copies. */
function measure(kind: 'notes' | 'channel', base: Y.Doc, make: (doc: Y.Doc, round: number) => void, rounds: number): Omit<ValidationCostRow, 'document' | 'update'> {
  const checks: number[] = [];
  const applies: number[] = [];
  const author = clone(base);
  const server = clone(base);
  for (let round = 0; round < rounds; round += 1) {
    const before = Y.encodeStateVector(author);
    make(author, round);
    const update = Y.encodeStateAsUpdate(author, before);
    let started = performance.now();
    const verdict = checkUpdate(kind, server, update, ana);
    checks.push((performance.now() - started) * 1000);
    if (!verdict.ok) throw new Error(`the benchmark's own update was refused: ${verdict.refusal.message}`);
    started = performance.now();
    Y.applyUpdate(server, update);
    applies.push((performance.now() - started) * 1000);
  }
  checks.sort((a, b) => a - b);
  applies.sort((a, b) => a - b);
  const checkMedianUs = quantile(checks, 0.5);
  const applyMedianUs = quantile(applies, 0.5);
  return { checkMedianUs, checkP99Us: quantile(checks, 0.99), applyMedianUs, ratio: checkMedianUs / applyMedianUs };
}

export function runValidationCost(rounds = 2_000): ValidationCostRow[] {
  const notes = new Y.Doc();
  const paragraphs: Y.XmlText[] = [];
  while (Y.encodeStateAsUpdate(notes).byteLength < 1024 * 1024) {
    const text = appendParagraph(notes, '');
    for (let i = 0; i < 40; i += 1) text.insert(text.length, `word${i} `); // typed, not pasted: many items
    paragraphs.push(text);
  }
  const notesBytes = Y.encodeStateAsUpdate(notes).byteLength;
  const paragraphOf = (doc: Y.Doc, round: number) => (notesContent(doc).get((round * 7919) % paragraphs.length) as Y.XmlElement).get(0) as Y.XmlText;

  const channel = new Y.Doc();
  for (let i = 0; i < 1000; i += 1) postMessage(channel, { id: `m${i}`, text: `message ${i} `.repeat(8), authorId: i % 2 ? 'ana' : 'ben', authorName: 'x' });

  const rows: ValidationCostRow[] = [];
  const label = `notes, ${(notesBytes / 1024 / 1024).toFixed(2)} MB`;
  rows.push({ document: label, update: 'type one character', ...measure('notes', notes, (doc, r) => paragraphOf(doc, r).insert(3, 'x'), rounds) });
  rows.push({ document: label, update: 'delete a word', ...measure('notes', notes, (doc, r) => paragraphOf(doc, r).delete(0, 5), rounds) });
  rows.push({ document: label, update: 'new paragraph', ...measure('notes', notes, (doc) => void appendParagraph(doc, 'a new paragraph'), rounds) });
  rows.push({ document: 'channel, 1000 messages', update: 'post a message', ...measure('channel', channel, (doc, r) => void postMessage(doc, { text: `hello ${r}`, authorId: 'ana', authorName: 'Ana', mentions: ['ben'] }), rounds) });
  rows.push({ document: 'channel, 1000 messages', update: 'react to an old message', ...measure('channel', channel, (doc, r) => setReaction(doc, `m${(r * 2) % 1000}`, '👍', 'ana', r % 4 < 2), rounds) });
  rows.push({ document: 'channel, 1000 messages', update: 'edit own message', ...measure('channel', channel, (doc, r) => editMessage(doc, `m${(r * 2 + 1) % 1000}`, `edited ${r}`), rounds) });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = runValidationCost(Number(process.argv[2] ?? 2_000));
  console.log('| document | update | check p50 (µs) | check p99 (µs) | apply p50 (µs) | check / apply |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.document} | ${r.update} | ${r.checkMedianUs.toFixed(1)} | ${r.checkP99Us.toFixed(1)} | ${r.applyMedianUs.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
}
