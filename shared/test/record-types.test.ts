import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_RECORD_TYPES, followsType, getRecordType, listRecordTypes, ModelError, parseRecordRef, schemaChangeProblems, schemaForType, setRecordType,
  shownFields, validateFieldValue, validateRecordType, validateSchema, validateWorkspace, type FieldDefinition,
} from '../src/index.ts';

const contactLink: FieldDefinition = { name: 'contact', label: 'Contact', type: 'link', target: 'contact' };
const contract: FieldDefinition = { name: 'contract', label: 'Contract', type: 'file' };

describe('record types', () => {
  it('reads deal and contact from the defaults until an admin stores them', () => {
    const doc = new Y.Doc();
    expect(listRecordTypes(doc).map((t) => t.id)).toEqual(['deal', 'contact']);
    const deal = getRecordType(doc, 'deal')!;
    setRecordType(doc, { ...deal, fields: [...deal.fields, contactLink] });
    expect(getRecordType(doc, 'deal')!.fields.at(-1)).toEqual(contactLink);
    setRecordType(doc, { id: 'company', label: 'Company', fields: [{ name: 'name', label: 'Name', type: 'string' }] });
    expect(listRecordTypes(doc).map((t) => t.id)).toEqual(['deal', 'contact', 'company']);
    expect(validateWorkspace(doc)).toEqual([]);
  });

  it('refuses to drop a field or change its type or target, and allows hiding, relabelling and reordering', () => {
    const before: FieldDefinition[] = [{ name: 'amount', label: 'Amount', type: 'number' }, contactLink];
    expect(schemaChangeProblems(before, [before[1]!, { ...before[0]!, label: 'Value', hidden: true }], 'deal')).toEqual([]);
    expect(schemaChangeProblems(before, [before[1]!], 'deal').map((p) => p.code)).toEqual(['removed-field']);
    expect(schemaChangeProblems(before, [{ ...before[0]!, type: 'string' }, before[1]!], 'deal').map((p) => p.code)).toEqual(['retyped-field']);
    expect(schemaChangeProblems(before, [before[0]!, { ...contactLink, target: 'company' }], 'deal').map((p) => p.code)).toEqual(['retyped-field']);
    const doc = new Y.Doc();
    expect(() => setRecordType(doc, { id: 'deal', label: 'Deal', fields: [] })).toThrow(ModelError);
    expect(getRecordType(doc, 'deal')).toEqual({ id: 'deal', ...DEFAULT_RECORD_TYPES.deal });
  });

  it('validates a stored type: label, fields, link targets', () => {
    expect(validateRecordType({ label: 'Deal', fields: [contactLink] }, 'deal')).toEqual([]);
    expect(validateRecordType({ label: '', fields: [] }, 'deal').map((p) => p.code)).toEqual(['invalid-value']);
    expect(validateRecordType({ label: 'X', fields: [{ name: 'c', label: 'C', type: 'link' }] }, 'x').map((p) => p.path)).toEqual(['x.fields[0].target']);
    expect(validateRecordType({ label: 'X', fields: [], extra: 1 }, 'x').map((p) => p.code)).toEqual(['unknown-key']);
    expect(validateSchema([{ name: 'a', label: 'A', type: 'string', target: 'contact' }]).map((p) => p.path)).toEqual(['meta.schema[0].target']);
  });

  it('brings a form up to its type: adds fields, hides the ones the type dropped, never removes one', () => {
    const form: FieldDefinition[] = [{ name: 'company', label: 'Company', type: 'string' }, { name: 'old', label: 'Old', type: 'string' }];
    const type: FieldDefinition[] = [contactLink, { name: 'company', label: 'Firm', type: 'string' }];
    const next = schemaForType(form, type);
    expect(next).toEqual([contactLink, { name: 'company', label: 'Firm', type: 'string' }, { name: 'old', label: 'Old', type: 'string', hidden: true }]);
    expect(schemaChangeProblems(form, next, 'meta.schema')).toEqual([]);
    expect(followsType(form, type)).toBe(false);
    expect(followsType(next, type)).toBe(true);
    expect(shownFields(next).map((f) => f.name)).toEqual(['contact', 'company']);
  });
});

describe('link and file values', () => {
  it('accepts a record id of the target type and refuses anything else', () => {
    expect(validateFieldValue(contactLink, 'contact.7')).toEqual([]);
    for (const bad of ['deal.7', 'contact', 'contact.', '.7', 'contact.7 x', 7, true]) expect(validateFieldValue(contactLink, bad), String(bad)).not.toEqual([]);
    expect(parseRecordRef('contact.a.b')).toEqual({ type: 'contact', id: 'a.b' });
    expect(parseRecordRef('nope')).toBeUndefined();
  });

  it('accepts a file id and refuses anything else', () => {
    expect(validateFieldValue(contract, 'Xy_9-abcdefghijklmnopqr')).toEqual([]);
    for (const bad of ['', 'has space', '/api/files/x', 'x'.repeat(65), 3]) expect(validateFieldValue(contract, bad), String(bad)).not.toEqual([]);
  });
});
