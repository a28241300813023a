import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  channelMessages, channelReads, channelToJSON, deleteMessage, editMessage, findMessage, findMessagesByItem, listMessages, markRead, messageStatus,
  overflowMessages, postMessage, restoreMessage, takeOverflowMessages, toggleReaction, unreadCount, validateChannel, validateDocument,
} from '../src/index.ts';
import { errorCode, sync } from './support/sync.ts';

function post(doc: Y.Doc, id: string, authorId = 'ana', extra: Partial<Parameters<typeof postMessage>[1]> = {}) {
  return postMessage(doc, { id, text: `text ${id}`, authorId, authorName: authorId.toUpperCase(), createdAt: 1, ...extra });
}

describe('a channel', () => {
  it('posts messages with replies, attachments and mentions', () => {
    const doc = new Y.Doc();
    post(doc, 'm1');
    const reply = post(doc, 'm2', 'bo', {
      replyTo: 'm1', mentions: ['ana'], attachments: [{ id: 'f1', name: 'a.png', url: '/f/a.png', type: 'image/png', size: 10 }], kind: 'image',
    });
    expect(reply).toMatchObject({ id: 'm2', kind: 'image', replyTo: 'm1', mentions: ['ana'], reactions: {} });
    expect(listMessages(doc).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(validateChannel(doc)).toEqual([]);
  });

  it('finds messages by the ids of their items, in the order asked, skipping what is not a live message', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 300; i++) post(doc, `m${i}`);
    const itemOf = (index: number) => channelMessages(doc).get(index)._item!.id;
    const [first, second, newest] = [itemOf(0), itemOf(1), itemOf(299)];
    const textItem = (channelMessages(doc).get(5).get('reactions') as Y.Map<unknown>)._item!.id;
    const unknown = [Y.createID(doc.clientID, 10 ** 9), Y.createID(doc.clientID + 1, 0)];
    expect(findMessagesByItem(doc, [newest, ...unknown, textItem, first, second]).map((m) => m.id)).toEqual(['m299', 'm0', 'm1']);
    expect(findMessagesByItem(doc, [])).toEqual([]);
    takeOverflowMessages(doc, 299);
    expect(findMessagesByItem(doc, [first, newest]).map((m) => m.id)).toEqual(['m299']);
  });

  it('edits a message and marks it edited, and soft-deletes it with its text cleared', () => {
    const doc = new Y.Doc();
    post(doc, 'm1', 'ana', { attachments: [{ id: 'f1', name: 'a', url: '/a', type: 'text/plain', size: 1 }] });
    editMessage(doc, 'm1', 'changed', 5);
    expect(findMessage(doc, 'm1')).toMatchObject({ text: 'changed', editedAt: 5 });
    deleteMessage(doc, 'm1', 6);
    expect(findMessage(doc, 'm1')).toMatchObject({ text: '', deletedAt: 6 });
    expect(findMessage(doc, 'm1')?.attachments).toBeUndefined();
    expect(errorCode(() => editMessage(doc, 'm1', 'again'))).toBe('message-deleted');
    expect(errorCode(() => editMessage(doc, 'nope', 'x'))).toBe('not-found');
  });

  it('edits the mentions with the text, writing them only when they change', () => {
    const doc = new Y.Doc();
    post(doc, 'm1', 'ana', { mentions: ['bo'] });
    let changedKeys: string[] = [];
    channelMessages(doc).get(0).observe((event) => (changedKeys = [...event.keysChanged].sort()));
    editMessage(doc, 'm1', 'now @Bo and @Cy', 5, ['bo', 'cy']);
    expect(findMessage(doc, 'm1')).toMatchObject({ text: 'now @Bo and @Cy', mentions: ['bo', 'cy'], editedAt: 5 });
    editMessage(doc, 'm1', 'still @Bo and @Cy', 6, ['bo', 'cy']);
    expect(changedKeys).toEqual(['editedAt', 'text']);
    editMessage(doc, 'm1', 'nobody', 7, []);
    expect(findMessage(doc, 'm1')?.mentions).toBeUndefined();
    // Without mentions given, an edit leaves them as they are.
    editMessage(doc, 'm1', 'nobody, again', 8);
    post(doc, 'm2', 'ana', { mentions: ['bo'] });
    editMessage(doc, 'm2', 'edited', 9);
    expect(findMessage(doc, 'm2')?.mentions).toEqual(['bo']);
    expect(validateChannel(doc)).toEqual([]);
  });

  it('takes a delete back with the text and attachments the deleting client kept', () => {
    const doc = new Y.Doc();
    const attachments = [{ id: 'f1', name: 'a', url: '/a', type: 'text/plain', size: 1 }];
    post(doc, 'm1', 'ana', { attachments });
    deleteMessage(doc, 'm1', 6);
    restoreMessage(doc, 'm1', { text: 'text m1', attachments });
    expect(findMessage(doc, 'm1')).toMatchObject({ text: 'text m1', attachments });
    expect(findMessage(doc, 'm1')?.deletedAt).toBeUndefined();
    expect(validateChannel(doc)).toEqual([]);
    // A message that is not deleted keeps what it says.
    restoreMessage(doc, 'm1', { text: 'something else' });
    expect(findMessage(doc, 'm1')?.text).toBe('text m1');
  });

  it('shows a deleted message empty even when a concurrent edit arrives after the delete', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    post(a, 'm1');
    sync(a, b);
    deleteMessage(a, 'm1', 2);
    editMessage(b, 'm1', 'late edit', 3);
    sync(a, b);
    for (const doc of [a, b]) expect(findMessage(doc, 'm1')).toMatchObject({ text: '', deletedAt: 2 });
  });

  it('counts two users who react concurrently with the same emoji', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    post(a, 'm1');
    toggleReaction(a, 'm1', '👍', 'cy');
    sync(a, b);
    expect(toggleReaction(a, 'm1', '👍', 'ana')).toBe(true);
    expect(toggleReaction(b, 'm1', '👍', 'bo')).toBe(true);
    sync(a, b);
    expect(findMessage(a, 'm1')?.reactions).toEqual({ '👍': ['ana', 'bo', 'cy'] });
    expect(toggleReaction(a, 'm1', '👍', 'ana')).toBe(false);
    expect(findMessage(a, 'm1')?.reactions).toEqual({ '👍': ['bo', 'cy'] });
  });

  it('counts unread messages after the read pointer, skipping own and deleted ones, and never moves the pointer back', () => {
    const doc = new Y.Doc();
    post(doc, 'm1', 'bo');
    post(doc, 'm2', 'bo');
    post(doc, 'm3', 'ana');
    post(doc, 'm4', 'bo');
    post(doc, 'm5', 'bo');
    deleteMessage(doc, 'm5');
    expect(unreadCount(doc, 'ana')).toBe(3);
    expect(markRead(doc, 'ana', 'm2')).toBe(true);
    expect(unreadCount(doc, 'ana')).toBe(1);
    expect(markRead(doc, 'ana', 'm1')).toBe(false);
    expect(channelReads(doc).get('ana')).toBe('m2');
    markRead(doc, 'ana', 'm5');
    expect(unreadCount(doc, 'ana')).toBe(0);
  });

  it('reports a message sent, then delivered, then read by N', () => {
    const doc = new Y.Doc();
    post(doc, 'm1', 'ana');
    post(doc, 'm2', 'bo');
    expect(messageStatus(doc, 'm1')).toEqual({ state: 'sent', readBy: [] });
    expect(messageStatus(doc, 'm1', { deliveredIds: new Set(['m1']) }).state).toBe('delivered');
    expect(messageStatus(doc, 'm1', { delivered: true }).state).toBe('delivered');
    markRead(doc, 'ana', 'm2');
    markRead(doc, 'bo', 'm2');
    markRead(doc, 'cy', 'm1');
    expect(messageStatus(doc, 'm1')).toEqual({ state: 'read', readBy: ['bo', 'cy'] });
  });

  it('hands the oldest messages beyond the live limit to the archive, oldest first', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 7; i++) post(doc, `m${i}`);
    expect(overflowMessages(doc, 5).map((m) => m.id)).toEqual(['m0', 'm1']);
    expect(listMessages(doc)).toHaveLength(7);
    expect(takeOverflowMessages(doc, 5).map((m) => m.id)).toEqual(['m0', 'm1']);
    expect(listMessages(doc).map((m) => m.id)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
    expect(takeOverflowMessages(doc, 5)).toEqual([]);
  });

  it('treats a read pointer to an archived message as older than every live one', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 4; i++) post(doc, `m${i}`, 'bo');
    markRead(doc, 'ana', 'm1');
    takeOverflowMessages(doc, 2);
    expect(unreadCount(doc, 'ana')).toBe(2);
  });

  it('refuses bad input', () => {
    const doc = new Y.Doc();
    expect(errorCode(() => post(doc, 'bad id'))).toBe('invalid-input');
    expect(errorCode(() => post(doc, 'm1', 'ana', { text: 'x'.repeat(20_001) }))).toBe('invalid-input');
    expect(errorCode(() => markRead(doc, 'ana', 'missing'))).toBe('not-found');
  });

  it('reports the problems of a malformed channel', () => {
    const doc = new Y.Doc();
    post(doc, 'm1');
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set('id', 'm1');
      bad.set('kind', 'shout');
      bad.set('text', 5);
      bad.set('createdAt', 'yesterday');
      bad.set('attachments', [{ id: 1 }]);
      const reactions = new Y.Map<unknown>();
      reactions.set('👍', 'everyone');
      bad.set('reactions', reactions);
      channelMessages(doc).push([bad]);
      channelReads(doc).set('ana', 3);
      doc.getMap('extra').set('x', 1);
    });
    const codes = validateChannel(doc).map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual(expect.arrayContaining([
      'unknown-root extra',
      'duplicate-id messages[1].id',
      'invalid-value messages[1].kind',
      'wrong-type messages[1].text',
      'missing-key messages[1].authorId',
      'wrong-type messages[1].createdAt',
      'wrong-type messages[1].attachments',
      'wrong-type messages[1].reactions.👍',
      'wrong-type reads.ana',
    ]));
    expect(validateDocument('channel', doc)).toEqual(validateChannel(doc));
  });

  it('gives a JSON view with messages and read pointers', () => {
    const doc = new Y.Doc();
    post(doc, 'm1');
    markRead(doc, 'bo', 'm1');
    expect(channelToJSON(doc)).toEqual({
      messages: [{ id: 'm1', kind: 'message', text: 'text m1', authorId: 'ana', authorName: 'ANA', createdAt: 1, reactions: {} }],
      reads: { bo: 'm1' },
    });
  });
});
