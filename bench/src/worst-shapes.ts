/**
 * What the guards cost for the worst update shapes we could build (issue 10), per kilobyte of
 * update, next to what applying the same update costs Yjs and what describing it for the activity
 * feed costs afterwards. Each shape is built at about 100 KB and 1 MB (the default
 * `MAX_MESSAGE_BYTES`): equal µs/KB at both sizes means a cost linear in the update. In-process,
 * since it measures functions, not the network:
 * `npx tsx bench/src/worst-shapes.ts [--shapes 1,2] [--sizes 100,1024] [--rounds 3] [--apply-refused]`.
 */
import { parseArgs } from 'node:util';
import {
  MAX_ENUM_OPTIONS, MAX_FORM_FIELDS, MAX_NESTING_DEPTH, appendParagraph, defineForm, formFields, notesContent, postMessage, upsertNotesEntry, type DocKind,
} from '@concord/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Identity } from '../../server/src/auth/claims.ts';
import { checkUpdate } from '../../server/src/guards/check-update.ts';
import { describeActivity } from '../../server/src/reactions/activity.ts';

const mal: Identity = { userId: 'mal', name: 'Mal', org: 'bench', role: 'editor' };

interface Built {
  kind: DocKind;
  /** The server's document before the update. */
  live: Y.Doc;
  update: Uint8Array;
}

interface Shape {
  name: string;
  /** Builds an update of about `bytes` bytes. */
  build(bytes: number): Built;
  /** Built at one size only, whatever the sizes asked for. */
  fixed?: boolean;
}

export interface WorstShapeRow {
  shape: string;
  bytes: number;
  verdict: string;
  checkMs: number;
  /** CPU time of the check: on a machine shared with other work, steadier than wall time. */
  checkCpuMs: number;
  checkUsPerKb: number;
  applyMs: number;
  /** What the server's reactions then read from the accepted changes (activity: the messages posted). */
  reactionMs: number;
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Edits a copy of `live` with `edit` until its update reaches `bytes`; `edit` does one step. */
function grow(kind: DocKind, live: Y.Doc, bytes: number, edit: (doc: Y.Doc, step: number) => void, stepsPerCheck = 200): Built {
  const author = clone(live);
  const before = Y.encodeStateVector(author);
  let step = 0;
  let update = Y.encodeStateAsUpdate(author, before);
  while (update.byteLength < bytes) {
    author.transact(() => {
      for (let i = 0; i < stepsPerCheck; i += 1) edit(author, step++);
    });
    update = Y.encodeStateAsUpdate(author, before);
  }
  return { kind, live, update };
}

/** Like `grow`, but the whole update is one transaction (nesting needs the previous step's element). */
function inOneTransaction(kind: DocKind, live: Y.Doc, bytes: number, bytesPerStep: number, make: (doc: Y.Doc, steps: number) => void): Built {
  const author = clone(live);
  const before = Y.encodeStateVector(author);
  author.transact(() => make(author, Math.ceil(bytes / bytesPerStep)));
  return { kind, live, update: Y.encodeStateAsUpdate(author, before) };
}

function chain(parent: Y.XmlFragment, levels: number, text?: string): void {
  for (let i = 0; i < levels; i += 1) {
    const element = new Y.XmlElement('bulletList');
    parent.insert(0, [element]);
    parent = element;
  }
  if (text !== undefined) parent.insert(0, [new Y.XmlText(text)]);
}

function notesWithText(characters: number): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc();
  const text = appendParagraph(doc, '');
  // Typed backwards: every character its own item, none merged.
  doc.transact(() => {
    for (let i = 0; i < characters; i += 1) text.insert(0, 'x');
  });
  return { doc, text };
}

/** A delete set naming `client`'s clocks [0, length) `times` times: what no Yjs encoder writes. */
function repeatedDeletion(client: number, length: number, bytes: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  const times = Math.floor(bytes / 4); // about four bytes a range
  encoding.writeVarUint(encoder, times);
  for (let i = 0; i < times; i += 1) {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}

function bigForm(): Y.Doc {
  const doc = new Y.Doc();
  const options = Array.from({ length: MAX_ENUM_OPTIONS }, (_, i) => `option-${i}`);
  const schema = Array.from({ length: MAX_FORM_FIELDS }, (_, i) => ({ name: `f${i}`, label: `Field ${i}`, type: 'enum' as const, options }));
  defineForm(doc, { title: 'Worst form', entityType: 'deal', entityId: '1', schema });
  return doc;
}

const SHAPES: Shape[] = [
  {
    name: 'the issue’s update: 3,000 rich-text elements, each inside the previous one (refused)',
    build: () => inOneTransaction('notes', new Y.Doc(), 3_000, 1, (doc, levels) => chain(notesContent(doc), levels)),
    fixed: true,
  },
  {
    name: 'rich text nested in one chain (refused at level 64)',
    build: (bytes) => inOneTransaction('notes', new Y.Doc(), bytes, 20, (doc, levels) => chain(notesContent(doc), levels)),
  },
  {
    name: `rich text nested ${MAX_NESTING_DEPTH - 2} deep, over and over (accepted)`,
    build: (bytes) => grow('notes', new Y.Doc(), bytes, (doc) => chain(notesContent(doc), MAX_NESTING_DEPTH - 2, 'deep'), 1),
  },
  {
    name: 'characters typed backwards: one long origin chain (accepted)',
    build: (bytes) => {
      const live = new Y.Doc();
      appendParagraph(live, '');
      return grow('notes', live, bytes, (doc) => ((notesContent(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'), 2_000);
    },
  },
  {
    name: 'paragraphs appended: a long sibling chain of elements (accepted)',
    build: (bytes) => grow('notes', new Y.Doc(), bytes, (doc) => void appendParagraph(doc, 'p')),
  },
  {
    name: 'workspace: one map with thousands of new entries (accepted)',
    build: (bytes) => grow('workspace', new Y.Doc(), bytes, (doc, step) => upsertNotesEntry(doc, { id: `n${step}`, title: `Page ${step}` })),
  },
  {
    name: `form (${MAX_FORM_FIELDS} fields × ${MAX_ENUM_OPTIONS} options): thousands of writes to one field (accepted)`,
    build: (bytes) =>
      grow('form', bigForm(), bytes, (doc, step) => {
        (formFields(doc).get('f0') ?? formFields(doc).set('f0', new Y.Map())).set(`w${step}`, { value: `option-${MAX_ENUM_OPTIONS - 1}`, by: 'mal', byName: 'Mal', at: step, supersedes: [] });
      }),
  },
  {
    name: 'channel: thousands of messages with attachments (accepted)',
    build: (bytes) =>
      grow('channel', new Y.Doc(), bytes, (doc, step) =>
        void postMessage(doc, { id: `m${step}`, text: 'file', authorId: 'mal', authorName: 'Mal', attachments: [{ id: 'a', name: 'a.txt', url: '/a', type: 'text/plain', size: 1 }] }),
      ),
  },
  {
    name: 'items whose origins were garbage-collected in the same update (accepted)',
    build: (bytes) => {
      // Ana types "ab" pairs and Ben writes after every "b"; then Ana deletes the b's, which are collected.
      const ana = new Y.Doc();
      const ben = new Y.Doc();
      const pairs = Math.ceil(bytes / 50);
      const text = appendParagraph(ana, '');
      ana.transact(() => {
        for (let i = 0; i < pairs; i += 1) text.insert(0, 'ab');
      });
      Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
      const benText = (notesContent(ben).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      ben.transact(() => {
        for (let i = pairs - 1; i >= 0; i -= 1) benText.insert(2 * i + 2, 'c');
      });
      Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
      ana.transact(() => {
        for (let i = pairs - 1; i >= 0; i -= 1) text.delete(3 * i + 1, 1);
      });
      return { kind: 'notes', live: new Y.Doc(), update: Y.encodeStateAsUpdate(ana) };
    },
  },
  {
    name: 'every other character of a long text deleted (accepted)',
    build: (bytes) => {
      const { doc, text } = notesWithText(Math.ceil(bytes / 2));
      const author = clone(doc);
      const before = Y.encodeStateVector(author);
      const authorText = (notesContent(author).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      author.transact(() => {
        for (let i = Math.floor(text.length / 2) - 1; i >= 0; i -= 1) authorText.delete(2 * i, 1);
      });
      return { kind: 'notes', live: doc, update: Y.encodeStateAsUpdate(author, before) };
    },
  },
  {
    name: 'the same deletion repeated over 20,000 items (refused)',
    build: (bytes) => {
      const { doc } = notesWithText(20_000);
      return { kind: 'notes', live: doc, update: repeatedDeletion(doc.clientID, Y.getState(doc.store, doc.clientID), bytes) };
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Refused updates are applied (to a copy) only when `applyRefused`: the server never applies them. */
export function measureShape(shape: Shape, bytes: number, rounds: number, applyRefused = false): WorstShapeRow {
  const { kind, live, update } = shape.build(bytes);
  const checks: number[] = [];
  const checkCpus: number[] = [];
  const applies: number[] = [];
  const reactions: number[] = [];
  let verdict = '';
  for (let round = 0; round < rounds; round += 1) {
    const server = clone(live);
    let started = performance.now();
    const cpu = process.cpuUsage();
    const result = checkUpdate(kind, server, update, mal);
    checks.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    checkCpus.push((used.user + used.system) / 1000);
    verdict = result.ok ? 'accepted' : `${result.refusal.code}: ${result.refusal.message}`;
    if (!result.ok && !applyRefused) continue;
    started = performance.now();
    Y.applyUpdate(server, update);
    applies.push(performance.now() - started);
    if (!result.ok) continue;
    started = performance.now();
    describeActivity({ org: 'bench', kind, id: kind === 'workspace' ? 'main' : 'x' }, server, result.changes);
    reactions.push(performance.now() - started);
  }
  const checkMs = median(checks);
  const checkCpuMs = median(checkCpus);
  return { shape: shape.name, bytes: update.byteLength, verdict, checkMs, checkCpuMs, checkUsPerKb: (checkCpuMs * 1000) / (update.byteLength / 1024), applyMs: applies.length > 0 ? median(applies) : Number.NaN, reactionMs: reactions.length > 0 ? median(reactions) : Number.NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { shapes: { type: 'string' }, sizes: { type: 'string', default: '100,1024' }, rounds: { type: 'string', default: '3' }, 'apply-refused': { type: 'boolean', default: false } } });
  const wanted = values.shapes?.split(',').map(Number);
  const sizes = values.sizes!.split(',').map((kb) => Number(kb) * 1024);
  console.log('| shape | update KB | verdict | check ms (wall) | check ms (CPU) | check CPU µs/KB | Yjs apply ms (wall) | activity ms (wall) |');
  console.log('|---|---|---|---|---|---|---|---|');
  SHAPES.forEach((shape, index) => {
    if (wanted && !wanted.includes(index + 1)) return;
    for (const size of shape.fixed ? sizes.slice(0, 1) : sizes) {
      const r = measureShape(shape, size, Number(values.rounds), values['apply-refused']);
      const verdict = r.verdict === 'accepted' ? 'accepted' : r.verdict.split(':')[0];
      console.log(`| ${index + 1}. ${r.shape} | ${(r.bytes / 1024).toFixed(0)} | ${verdict} | ${r.checkMs.toFixed(1)} | ${r.checkCpuMs.toFixed(1)} | ${r.checkUsPerKb.toFixed(1)} | ${Number.isNaN(r.applyMs) ? '— (not applied)' : r.applyMs.toFixed(1)} | ${Number.isNaN(r.reactionMs) ? '—' : r.reactionMs.toFixed(1)} |`);
    }
  });
}
