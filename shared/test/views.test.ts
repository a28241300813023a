import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_KINDS, defineForm, formatDocName, newId, isValidId, parseDocName, recordPerson, validateDocument, viewDocument, writeField } from '../src/index.ts';
import { sync } from './support/sync.ts';

describe('document views', () => {
  it('views and validates an empty document of every kind', () => {
    for (const kind of DOC_KINDS) {
      const doc = new Y.Doc();
      expect(() => viewDocument(kind, doc)).not.toThrow();
      expect(validateDocument(kind, doc), kind).toEqual([]);
    }
  });

  it("shows the workspace's people and record types beside its directory", () => {
    const doc = new Y.Doc();
    recordPerson(doc, { id: 'bo', name: 'Bo', role: 'editor' }, 2);
    recordPerson(doc, { id: 'ana', name: 'Ana', role: 'admin' }, 1);
    const view = viewDocument('workspace', doc);
    expect(view.people).toEqual([
      { id: 'ana', name: 'Ana', role: 'admin', joinedAt: 1, lastSeenAt: 1 },
      { id: 'bo', name: 'Bo', role: 'editor', joinedAt: 2, lastSeenAt: 2 },
    ]);
    expect(view.recordTypes.map((type) => type.id)).toEqual(['deal', 'contact']);
  });

  it('lists a form conflict with every candidate, who and when', () => {
    const a = new Y.Doc();
    defineForm(a, { title: 'Deal 42', entityType: 'deal', entityId: '42', schema: [{ name: 'amount', label: 'Amount', type: 'number' }] });
    const b = new Y.Doc();
    sync(a, b);
    writeField(a, 'amount', 100, { id: 'ana', name: 'Ana' }, { at: 1, writeId: 'wa' });
    writeField(b, 'amount', 200, { id: 'bo', name: 'Bo' }, { at: 2, writeId: 'wb' });
    sync(a, b);
    expect(viewDocument('form', a)).toEqual({
      meta: { title: 'Deal 42', entityType: 'deal', entityId: '42', schema: [{ name: 'amount', label: 'Amount', type: 'number' }] },
      fields: {
        amount: {
          value: 200, conflict: true, by: 'bo', byName: 'Bo', at: 2,
          candidates: [
            { writeId: 'wb', value: 200, by: 'bo', byName: 'Bo', at: 2 },
            { writeId: 'wa', value: 100, by: 'ana', byName: 'Ana', at: 1 },
          ],
        },
      },
    });
    expect(JSON.stringify(viewDocument('form', b))).toBe(JSON.stringify(viewDocument('form', a)));
  });

  it('makes valid ids that round-trip through document names', () => {
    for (let i = 0; i < 100; i++) {
      const id = newId();
      expect(isValidId(id)).toBe(true);
      const parsed = parseDocName(`acme:channel:${id}`);
      expect(parsed.ok && formatDocName(parsed.name)).toBe(`acme:channel:${id}`);
    }
  });
});
