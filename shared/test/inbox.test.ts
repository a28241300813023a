import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addInboxItem, inboxItems, inboxToJSON, inboxUnreadCount, listInboxItems, markAllInboxRead, markInboxRead, resolveInboxItems, validateInbox,
} from '../src/index.ts';
import { errorCode } from './support/sync.ts';

describe('an inbox', () => {
  it('lists server-written items and counts the unread ones', () => {
    const doc = new Y.Doc();
    addInboxItem(doc, { id: 'i1', kind: 'mention', text: 'Bo mentioned you', doc: 'acme:channel:general', anchor: 'm7', at: 1 });
    addInboxItem(doc, { id: 'i2', kind: 'conflict', text: 'Amount is in conflict', doc: 'acme:form:deal.42', at: 2 });
    expect(inboxUnreadCount(doc)).toBe(2);
    expect(markInboxRead(doc, 'i1', 5)).toBe(true);
    expect(markInboxRead(doc, 'i1', 6)).toBe(false);
    expect(listInboxItems(doc)[0]).toEqual({ id: 'i1', kind: 'mention', text: 'Bo mentioned you', doc: 'acme:channel:general', anchor: 'm7', at: 1, readAt: 5 });
    expect(inboxToJSON(doc).unread).toBe(1);
    expect(markAllInboxRead(doc, 9)).toBe(1);
    expect(inboxUnreadCount(doc)).toBe(0);
    expect(errorCode(() => markInboxRead(doc, 'nope'))).toBe('not-found');
    expect(validateInbox(doc)).toEqual([]);
  });

  it('resolves the items about one anchor of one document, which then no longer count as unread', () => {
    const doc = new Y.Doc();
    addInboxItem(doc, { id: 'i1', kind: 'conflict', text: 'Amount has 2 competing values: review it', doc: 'acme:form:deal.42', anchor: 'amount', at: 1 });
    addInboxItem(doc, { id: 'i2', kind: 'conflict', text: 'Stage has 2 competing values: review it', doc: 'acme:form:deal.42', anchor: 'stage', at: 2 });
    addInboxItem(doc, { id: 'i3', kind: 'conflict', text: 'Amount has 3 competing values: review it', doc: 'acme:form:deal.42', anchor: 'amount', at: 3 });
    markInboxRead(doc, 'i3', 4);
    expect(resolveInboxItems(doc, { kind: 'conflict', doc: 'acme:form:deal.42', anchor: 'amount' }, 'Amount: conflict resolved by Bo', 5)).toBe(2);
    expect(resolveInboxItems(doc, { kind: 'conflict', doc: 'acme:form:deal.42', anchor: 'amount' }, 'again', 6)).toBe(0);
    const [i1, i2, i3] = listInboxItems(doc);
    expect(i1).toEqual({ id: 'i1', kind: 'conflict', text: 'Amount: conflict resolved by Bo', doc: 'acme:form:deal.42', anchor: 'amount', at: 1, resolvedAt: 5 });
    expect(i2).toMatchObject({ text: 'Stage has 2 competing values: review it' });
    expect(i2!.resolvedAt).toBeUndefined();
    expect(i3).toMatchObject({ readAt: 4, resolvedAt: 5 });
    expect(inboxUnreadCount(doc)).toBe(1);
    expect(markAllInboxRead(doc, 7)).toBe(1);
    expect(listInboxItems(doc)[0]!.readAt).toBeUndefined();
    expect(validateInbox(doc)).toEqual([]);
  });

  it('drops the oldest items beyond its cap', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 4; i++) addInboxItem(doc, { id: `i${i}`, kind: 'system', text: 't', doc: 'acme:inbox:ana', at: i }, 2);
    expect(listInboxItems(doc).map((item) => item.id)).toEqual(['i2', 'i3']);
  });

  it('reports the problems of malformed items', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const item = new Y.Map<unknown>();
      item.set('id', 'i1');
      item.set('kind', 'spam');
      item.set('text', 'x');
      item.set('at', 'now');
      item.set('readAt', false);
      item.set('resolvedAt', 'yes');
      inboxItems(doc).push([item]);
    });
    expect(validateInbox(doc).map((p) => `${p.code} ${p.path}`)).toEqual([
      'invalid-value items[0].kind', 'missing-key items[0].doc', 'wrong-type items[0].at', 'wrong-type items[0].readAt', 'wrong-type items[0].resolvedAt',
    ]);
  });
});
