/**
 * The shared shapes are the one description of each kind: the server's guard checks changes
 * against them and the validators check whole documents against them, so what one refuses the
 * other reports.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addChannel, channelMessages, DOC_KINDS, DOCUMENT_SHAPES, MAX_CHANNEL_NAME_LENGTH, messageShape, postMessage, requiredKeys, RULES,
  validateChannel, validateWorkspace, type Shape,
} from '../src/index.ts';

const codes = (problems: { code: string; path: string }[]) => problems.map((p) => `${p.code} ${p.path}`);

describe('the document shapes', () => {
  it('report a channel name longer than the server accepts', () => {
    const doc = new Y.Doc();
    addChannel(doc, { id: 'ok', name: 'x'.repeat(MAX_CHANNEL_NAME_LENGTH), visibility: 'public', createdBy: 'ana', createdAt: 1 });
    addChannel(doc, { id: 'long', name: 'x'.repeat(MAX_CHANNEL_NAME_LENGTH + 1), visibility: 'public', createdBy: 'ana', createdAt: 1 });
    expect(codes(validateWorkspace(doc))).toEqual(['too-long channels.long.name']);
  });

  it('report an attachment whose size is not a finite number, and a key the server would refuse', () => {
    const doc = new Y.Doc();
    postMessage(doc, { id: 'm1', text: 'see file', authorId: 'ana', authorName: 'Ana', createdAt: 1 });
    doc.transact(() => {
      const message = channelMessages(doc).get(0);
      message.set('attachments', [{ id: 'f1', name: 'a.png', url: '/f/a.png', type: 'image/png', size: Infinity }]);
      message.set('zzz', 1);
    });
    expect(codes(validateChannel(doc))).toEqual(['wrong-type messages[0].attachments', 'unknown-key messages[0].zzz']);
  });

  it('say which keys a new message must carry', () => {
    expect(requiredKeys(messageShape)).toEqual(['id', 'kind', 'text', 'authorId', 'authorName', 'createdAt', 'reactions']);
  });

  it('name only change rules that exist, and a shape for every kind', () => {
    const named = new Set<string>();
    const visit = (shape: Shape): void => {
      if (shape.rule) named.add(shape.rule);
      if (shape.kind === 'map') [...Object.values(shape.entries ?? {}), ...(shape.anyKey ? [shape.anyKey] : [])].forEach(visit);
      if (shape.kind === 'array') visit(shape.of);
    };
    for (const kind of DOC_KINDS) Object.values(DOCUMENT_SHAPES[kind]).forEach(visit);
    expect([...named].sort()).toEqual(Object.keys(RULES).sort());
  });
});
