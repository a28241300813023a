import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  defineForm, fieldText, fieldsInConflict, formToJSON, ModelError, pruneField, readField, resolveField, validateForm, writeField,
  formFields, MAX_ENUM_OPTIONS, MAX_FORM_FIELDS, validateFieldValue, validateSchema, type FieldDefinition,
} from '../src/index.ts';

const schema: FieldDefinition[] = [
  { name: 'amount', label: 'Amount', type: 'number', required: true },
  { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] },
  { name: 'close', label: 'Close date', type: 'date' },
  { name: 'owner', label: 'Owner', type: 'string' },
  { name: 'hot', label: 'Hot', type: 'boolean' },
  { name: 'notes', label: 'Notes', type: 'text' },
];
const ana = { id: 'ana', name: 'Ana' };
const bo = { id: 'bo', name: 'Bo' };

function newForm(): Y.Doc {
  const doc = new Y.Doc();
  defineForm(doc, { title: 'Deal 42', entityType: 'deal', entityId: '42', schema });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('form fields', () => {
  it('reads the last write as the value when writes are sequential', () => {
    const doc = newForm();
    writeField(doc, 'amount', 100, ana, { at: 1 });
    writeField(doc, 'amount', 200, bo, { at: 2 });
    expect(readField(doc, 'amount')).toMatchObject({ value: 200, conflict: false, candidates: [{ value: 200, by: 'bo', byName: 'Bo', at: 2 }] });
  });

  it('keeps both concurrent values as candidates and shows the newest', () => {
    const a = newForm();
    const b = new Y.Doc();
    sync(a, b);
    writeField(a, 'amount', 100, ana, { at: 10, writeId: 'w-a' });
    writeField(b, 'amount', 200, bo, { at: 20, writeId: 'w-b' });
    sync(a, b);
    for (const doc of [a, b]) {
      const state = readField(doc, 'amount');
      expect(state.conflict).toBe(true);
      expect(state.value).toBe(200);
      expect(state.candidates.map((c) => c.value)).toEqual([200, 100]);
      expect(fieldsInConflict(doc)).toEqual(['amount']);
      expect(formToJSON(doc).fields.amount).toMatchObject({ conflict: true, candidates: [{ writeId: 'w-b', by: 'bo' }, { writeId: 'w-a', by: 'ana' }] });
    }
  });

  it('clears a conflict everywhere with one resolving write', () => {
    const a = newForm();
    const b = new Y.Doc();
    sync(a, b);
    writeField(a, 'amount', 100, ana, { at: 10 });
    writeField(b, 'amount', 200, bo, { at: 20 });
    sync(a, b);
    resolveField(a, 'amount', { choice: 'merged', value: 150 }, ana, { at: 30 });
    sync(a, b);
    for (const doc of [a, b]) expect(readField(doc, 'amount')).toMatchObject({ value: 150, conflict: false });
  });

  it('supersedes only the heads its author saw, when told: two moves made from a list are a conflict even when one arrives first', () => {
    const server = newForm();
    writeField(server, 'stage', 'lead', ana, { at: 1, writeId: 'w-lead' });
    // Both saw the row {stage: lead, heads: [w-lead]}; Ana's move reaches the document first.
    writeField(server, 'stage', 'won', ana, { at: 10, writeId: 'w-ana', supersedes: ['w-lead'] });
    const bo2 = new Y.Doc();
    sync(server, bo2);
    writeField(bo2, 'stage', 'lost', bo, { at: 20, writeId: 'w-bo', supersedes: ['w-lead'] });
    sync(server, bo2);
    for (const doc of [server, bo2]) {
      expect(readField(doc, 'stage')).toMatchObject({ value: 'lost', conflict: true });
      expect(readField(doc, 'stage').candidates.map((c) => c.writeId)).toEqual(['w-bo', 'w-ana']);
    }
    // Without the heads it saw, the later write would silently supersede Ana's.
    const silent = newForm();
    writeField(silent, 'stage', 'won', ana, { at: 10 });
    writeField(silent, 'stage', 'lost', bo, { at: 20 });
    expect(readField(silent, 'stage').conflict).toBe(false);
  });

  it('keeps a seen head it does not hold yet, which supersedes that write once it arrives', () => {
    const a = newForm();
    const b = new Y.Doc();
    sync(a, b);
    writeField(a, 'stage', 'won', ana, { at: 10, writeId: 'w-seen' });
    writeField(b, 'stage', 'lost', bo, { at: 20, writeId: 'w-bo', supersedes: ['w-seen', 'w-seen', 'w-pruned'] });
    expect(formFields(b).get('stage')!.get('w-bo')).toMatchObject({ supersedes: ['w-pruned', 'w-seen'] });
    sync(a, b);
    for (const doc of [a, b]) expect(readField(doc, 'stage')).toMatchObject({ value: 'lost', conflict: false });
  });

  it('refuses a supersedes list naming something that is not another write', () => {
    const doc = newForm();
    for (const supersedes of [['not an id!'], [''], ['w-self']]) {
      expect(() => writeField(doc, 'stage', 'won', ana, { writeId: 'w-self', supersedes })).toThrow(ModelError);
    }
    expect(formFields(doc).get('stage')!.size).toBe(0);
  });

  it('prunes superseded writes without changing the view', () => {
    const doc = newForm();
    for (let i = 0; i < 5; i++) writeField(doc, 'owner', `o${i}`, ana, { at: i });
    const before = formToJSON(doc);
    expect(pruneField(doc, 'owner')).toBe(3);
    expect(formToJSON(doc)).toEqual(before);
    expect(formFields(doc).get('owner')?.size).toBe(2);
  });

  it('refuses values that do not fit the field definition', () => {
    const doc = newForm();
    const code = (fn: () => unknown): string | undefined => {
      try { fn(); } catch (error) { return error instanceof ModelError ? error.code : 'other'; }
      return undefined;
    };
    expect(code(() => writeField(doc, 'amount', 'lots', ana))).toBe('invalid-value');
    expect(code(() => writeField(doc, 'amount', null, ana))).toBe('invalid-value');
    expect(code(() => writeField(doc, 'stage', 'maybe', ana))).toBe('invalid-value');
    expect(code(() => writeField(doc, 'close', '2024-13-45x', ana))).toBe('invalid-value');
    expect(code(() => writeField(doc, 'hot', 'yes', ana))).toBe('invalid-value');
    expect(code(() => writeField(doc, 'nope', 1, ana))).toBe('unknown-field');
    expect(code(() => writeField(doc, 'notes', 'x', ana))).toBe('not-a-text-field');
    expect(code(() => writeField(doc, 'close', '2024-05-01', ana))).toBeUndefined();
    expect(code(() => writeField(doc, 'stage', null, ana))).toBeUndefined();
  });

  it('keeps free text in a Y.Text that merges character by character', () => {
    const a = newForm();
    const b = new Y.Doc();
    sync(a, b);
    fieldText(a, 'notes')!.insert(0, 'hello');
    fieldText(b, 'notes')!.insert(0, 'world ');
    sync(a, b);
    expect(readField(a, 'notes').value).toBe(readField(b, 'notes').value);
    expect(String(readField(a, 'notes').value)).toHaveLength(11);
  });

  it('validates a well-formed form with no problems', () => {
    const doc = newForm();
    writeField(doc, 'amount', 1, ana);
    expect(validateForm(doc)).toEqual([]);
  });

  it('reports the problems of a malformed form', () => {
    const doc = newForm();
    doc.transact(() => {
      const amount = formFields(doc).get('amount')!;
      amount.set('w1', { value: 'lots', by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
      amount.set('w2', { value: 1, by: 'ana', at: 1, supersedes: 'w1' });
      amount.set('bad id', { value: 1, by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
      formFields(doc).set('ghost', new Y.Map());
      doc.getMap('texts').set('amount', 'x');
      doc.getMap('meta').set('schema', [{ name: 'amount', label: 'A', type: 'money' }, { name: 'stage', label: 'S', type: 'enum' }]);
    });
    const found = validateForm(doc).map((p) => `${p.code} ${p.path}`);
    expect(found).toEqual(expect.arrayContaining([
      'invalid-value meta.schema[0].type',
      'missing-key meta.schema[1].options',
      'unknown-field fields.ghost',
      'malformed-write fields.amount.w2',
      'invalid-id fields.amount.bad id',
      'unknown-field texts.amount',
      'wrong-type texts.amount',
    ]));
  });

  it('bounds a schema: at most MAX_FORM_FIELDS fields and MAX_ENUM_OPTIONS options a field, duplicates named', () => {
    const field = (i: number): FieldDefinition => ({ name: `f${i}`, label: `F${i}`, type: 'number' });
    expect(validateSchema(Array.from({ length: MAX_FORM_FIELDS }, (_, i) => field(i)))).toEqual([]);
    expect(validateSchema(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => field(i))).map((p) => `${p.code} ${p.path}`)).toEqual(['too-long meta.schema']);
    const options = (n: number) => Array.from({ length: n }, (_, i) => `o${i}`);
    expect(validateSchema([{ name: 'e', label: 'E', type: 'enum', options: options(MAX_ENUM_OPTIONS) }])).toEqual([]);
    expect(validateSchema([{ name: 'e', label: 'E', type: 'enum', options: options(MAX_ENUM_OPTIONS + 1) }]).map((p) => `${p.code} ${p.path}`)).toEqual(['too-long meta.schema[0].options']);
    expect(validateSchema([field(1), field(2), field(1), field(1)]).map((p) => `${p.code} ${p.path}`)).toEqual(['duplicate-field meta.schema[2].name', 'duplicate-field meta.schema[3].name']);
  });

  it('reports a written value that is not of its field\'s type', () => {
    const doc = newForm();
    formFields(doc).get('amount')!.set('w1', { value: 'lots', by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
    expect(validateForm(doc).map((p) => `${p.code} ${p.path}`)).toEqual(['invalid-value fields.amount.w1']);
  });

  it('keeps a stored value valid when its field later becomes required or loses the option (record types change)', () => {
    const doc = newForm();
    formFields(doc).get('amount')!.set('w2', { value: null, by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
    expect(validateForm(doc)).toEqual([]);
    // a new write is still held to the whole definition
    expect(validateFieldValue({ name: 'amount', label: 'A', type: 'number', required: true }, null).map((p) => p.code)).toEqual(['invalid-value']);
  });
});
