/** Fields added after a form was defined keep their writes in roots of their own (issue 14). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  defineForm, fieldAtPath, fieldText, fieldsInConflict, formFields, formToJSON, pruneField, readField, setFormSchema, validateForm, writeField,
  type FieldDefinition,
} from '../src/index.ts';

const owner: FieldDefinition = { name: 'owner', label: 'Owner', type: 'string' };
const stage: FieldDefinition = { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won'] };
const notes: FieldDefinition = { name: 'notes', label: 'Notes', type: 'text' };
const ana = { id: 'ana', name: 'Ana' };
const bo = { id: 'bo', name: 'Bo' };

function copies(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  defineForm(a, { title: 'Deal', entityType: 'deal', entityId: '1', schema: [owner] });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

const sync = (a: Y.Doc, b: Y.Doc): void => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('a field added after the form was defined', () => {
  it('keeps both replicas’ writes and texts when both add it at once', () => {
    const [a, b] = copies();
    for (const [doc, who, value] of [[a, ana, 'lead'], [b, bo, 'won']] as const) {
      setFormSchema(doc, [owner, stage, notes]);
      writeField(doc, 'stage', value, who);
      fieldText(doc, 'notes')!.insert(0, who.id);
    }
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readField(doc, 'stage').candidates.map((c) => c.value).sort()).toEqual(['lead', 'won']);
      expect(fieldsInConflict(doc)).toEqual(['stage']);
      expect(String(readField(doc, 'notes').value).length).toBe(5);
      expect(formFields(doc).has('stage')).toBe(false);
      expect(validateForm(doc)).toEqual([]);
    }
    expect(formToJSON(a)).toEqual(formToJSON(b));
  });

  it('prunes superseded writes in its root like nested ones', () => {
    const [a, b] = copies();
    setFormSchema(a, [owner, stage]);
    const first = writeField(a, 'stage', 'lead', ana);
    writeField(a, 'stage', 'won', ana);
    writeField(a, 'stage', 'won', ana);
    sync(a, b);
    expect(pruneField(b, 'stage')).toBe(1);
    sync(a, b);
    expect(readField(a, 'stage')).toMatchObject({ value: 'won', conflict: false });
    expect([...a.getMap('field:stage').keys()]).not.toContain(first);
  });

  it('reports a root for a field the schema does not have, of the wrong kind or holding a bad value', () => {
    const [a] = copies();
    a.getMap('field:ghost').set('w1', { value: 'x', by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
    a.getText('text:owner').insert(0, 'x');
    a.getMap('field:owner').set('w2', { value: 3, by: 'ana', byName: 'Ana', at: 1, supersedes: [] });
    expect(validateForm(a).map((p) => [p.code, p.path])).toEqual([
      ['unknown-field', 'field:ghost'],
      ['invalid-value', 'field:owner.w2'],
      ['unknown-field', 'text:owner'],
    ]);
  });

  it('names the field of a change’s path, nested or in its root', () => {
    expect(fieldAtPath(['fields', 'stage', 'w1'])).toEqual({ field: 'stage', part: 'write' });
    expect(fieldAtPath(['field:stage', 'w1'])).toEqual({ field: 'stage', part: 'write' });
    expect(fieldAtPath(['texts', 'notes', '#'])).toEqual({ field: 'notes', part: 'text' });
    expect(fieldAtPath(['text:notes', '#'])).toEqual({ field: 'notes', part: 'text' });
    expect(fieldAtPath(['fields', 'stage'])).toBeUndefined();
    expect(fieldAtPath(['meta', 'schema'])).toBeUndefined();
  });
});
