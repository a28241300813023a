/**
 * Measures (does not assert) what the heaviest documents cost: a form with 50 fields and a chat with
 * 1000 messages. The table goes to stdout for the issue note; run alone with
 * `npx vitest run shared/test/costs.test.ts`.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  channelToJSON, defineForm, editMessage, formToJSON, markRead, messageStatus, postMessage, pruneForm, readField, resolveField,
  toggleReaction, unreadCount, validateChannel, validateForm, writeField, type FieldDefinition,
} from '../src/index.ts';
import { sync } from './support/sync.ts';

function cost(label: string, runs: number, fn: (i: number) => void): { label: string; meanMs: number; maxMs: number } {
  fn(0); // warm up
  let total = 0;
  let max = 0;
  for (let i = 1; i <= runs; i++) {
    const start = performance.now();
    fn(i);
    const elapsed = performance.now() - start;
    total += elapsed;
    max = Math.max(max, elapsed);
  }
  return { label, meanMs: Number((total / runs).toFixed(3)), maxMs: Number(max.toFixed(3)) };
}

it('measures the slowest operations on a 50-field form and a 1000-message chat', () => {
  const schema: FieldDefinition[] = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, label: `Field ${i}`, type: 'number' }));
  const form = new Y.Doc();
  defineForm(form, { title: 'Big deal', entityType: 'deal', entityId: '1', schema });
  const other = new Y.Doc();
  sync(form, other);
  const ana = { id: 'ana', name: 'Ana' };
  const bo = { id: 'bo', name: 'Bo' };
  // History: 4 writes per field, then a concurrent write on every other field (25 conflicts).
  for (let round = 0; round < 4; round++) for (let f = 0; f < 50; f++) writeField(form, `f${f}`, round, ana);
  sync(form, other);
  for (let f = 0; f < 50; f += 2) {
    writeField(form, `f${f}`, 100, ana);
    writeField(other, `f${f}`, 200, bo);
  }
  sync(form, other);

  const formCosts = [
    cost('form readField', 500, (i) => readField(form, `f${i % 50}`)),
    cost('form view (formToJSON)', 50, () => formToJSON(form)),
    cost('form writeField', 200, (i) => writeField(form, `f${(i % 25) * 2 + 1}`, i, ana)),
    cost('form resolveField', 25, (i) => resolveField(form, `f${(i % 25) * 2}`, { choice: 'merged', value: 150 }, ana)),
    cost('form validateForm', 50, () => validateForm(form)),
    cost('form pruneForm', 5, () => pruneForm(form)),
  ];

  const chat = new Y.Doc();
  for (let i = 0; i < 1000; i++) {
    postMessage(chat, { id: `m${i}`, text: `message number ${i} with some text`, authorId: `u${i % 20}`, authorName: `User ${i % 20}`, createdAt: i });
  }
  for (let u = 0; u < 20; u++) markRead(chat, `u${u}`, `m${500 + u * 20}`);
  for (let i = 0; i < 200; i++) toggleReaction(chat, `m${i * 5}`, '👍', `u${i % 20}`);

  const chatCosts = [
    cost('chat postMessage', 200, (i) => postMessage(chat, { id: `p${i}`, text: 'hello', authorId: 'u1', authorName: 'User 1', createdAt: 2000 + i })),
    cost('chat unreadCount (read pointer ~700 back)', 200, () => unreadCount(chat, 'u0')),
    cost('chat unreadCount (never read)', 200, () => unreadCount(chat, 'stranger')),
    cost('chat markRead (newest)', 200, (i) => markRead(chat, `r${i}`, `p${199}`)),
    cost('chat messageStatus (oldest)', 200, () => messageStatus(chat, 'm1')),
    cost('chat toggleReaction (oldest)', 200, (i) => toggleReaction(chat, 'm0', '🎉', `x${i}`)),
    cost('chat editMessage (oldest)', 200, (i) => editMessage(chat, 'm0', `edit ${i}`)),
    cost('chat view (channelToJSON)', 20, () => channelToJSON(chat)),
    cost('chat validateChannel', 20, () => validateChannel(chat)),
  ];
  console.table([...formCosts, ...chatCosts]);
  expect(formToJSON(form).fields.f0.conflict).toBe(false);
});
