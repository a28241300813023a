import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defineForm, fieldText, readRecord, resolveField, ROW_TEXT_CHARS, writeField, type FieldDefinition } from '../src/index.ts';

const schema: FieldDefinition[] = [
  { name: 'amount', label: 'Amount', type: 'number' },
  { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] },
  { name: 'notes', label: 'Notes', type: 'text' },
];
const ana = { id: 'ana', name: 'Ana' };
const bo = { id: 'bo', name: 'Bo' };

function newForm(): Y.Doc {
  const doc = new Y.Doc();
  defineForm(doc, { title: 'Northwind', entityType: 'deal', entityId: '42', schema });
  return doc;
}

describe('a record as a row of a list', () => {
  it('holds the title, each written field\'s shown value and the newest value\'s time; the schema beside it', () => {
    const doc = newForm();
    writeField(doc, 'amount', 100, ana, { at: 1_000, writeId: 'w-amount' });
    writeField(doc, 'stage', 'lead', ana, { at: 2_000, writeId: 'w-stage' });
    const record = readRecord('acme:form:deal.42', doc)!;
    expect(record.row).toEqual({
      doc: 'acme:form:deal.42', id: 'deal.42', type: 'deal', title: 'Northwind', fields: { amount: 100, stage: 'lead' }, conflicts: [],
      heads: { amount: ['w-amount'], stage: ['w-stage'] }, updatedAt: 2_000,
    });
    expect(record.schema.map((d) => d.name)).toEqual(['amount', 'stage', 'notes']);
  });

  it('shows the newest head of a field in conflict and names the field, until it is resolved', () => {
    const a = newForm();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeField(a, 'stage', 'won', ana, { at: 5_000, writeId: 'w-won' });
    writeField(b, 'stage', 'lost', bo, { at: 6_000, writeId: 'w-lost' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readRecord('acme:form:deal.42', a)!.row).toMatchObject({ fields: { stage: 'lost' }, conflicts: ['stage'], heads: { stage: ['w-lost', 'w-won'] }, updatedAt: 6_000 });
    resolveField(a, 'stage', { choice: 'local', value: 'won' }, ana, { at: 7_000, writeId: 'w-resolved' });
    expect(readRecord('acme:form:deal.42', a)!.row).toMatchObject({ fields: { stage: 'won' }, conflicts: [], heads: { stage: ['w-resolved'] }, updatedAt: 7_000 });
  });

  it('carries the start of a free-text field, and nothing for a field never written', () => {
    const doc = newForm();
    fieldText(doc, 'notes')!.insert(0, 'x'.repeat(ROW_TEXT_CHARS + 50));
    const row = readRecord('acme:form:deal.42', doc)!.row;
    expect(row.fields).toEqual({ notes: 'x'.repeat(ROW_TEXT_CHARS) });
    expect(row.heads).toEqual({});
    expect(row.updatedAt).toBeNull();
  });

  it('is no row for a document that is not a form', () => {
    expect(readRecord('acme:notes:plan', newForm())).toBeNull();
    expect(readRecord('not a name', newForm())).toBeNull();
  });
});
