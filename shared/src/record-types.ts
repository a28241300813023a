/**
 * Record types as data (docs/PROTOCOL.md, "Record types"): the workspace's root Map `recordTypes`,
 * typeId → a plain JSON value {label, fields: FieldDefinition[]}, written by admins. A type is one
 * value, replaced whole, because its fields are an ordered list edited by one admin at a time; the
 * server refuses a replacement that drops a field or changes a field's type, so a type only grows
 * and every value ever written stays of its field's type. "Removing" a field sets `hidden`.
 *
 * Deal and contact exist before anyone writes them: reading falls back to DEFAULT_RECORD_TYPES for
 * a type not stored, and an admin's first edit stores it. No replica seeds them, so no two replicas
 * race to create the same entry.
 *
 * A record's form keeps its own `meta.schema` (the guard checks writes against it); it follows its
 * type when someone applies `schemaForType`, which only adds fields and hides the ones the type no
 * longer shows.
 */
import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { copyDefinition, RECORD_TYPE_PATTERN, validateSchema, type FieldDefinition } from './form.ts';
import { problem, type Problem } from './problems.ts';
import { isPlainObject, sortedKeys } from './values.ts';
import { WORKSPACE_ROOTS } from './workspace.ts';

export const MAX_RECORD_TYPE_LABEL_LENGTH = 100;

export interface RecordTypeDefinition {
  label: string;
  fields: FieldDefinition[];
}

export interface RecordType extends RecordTypeDefinition {
  id: string;
}

export const DEFAULT_RECORD_TYPES: Readonly<Record<string, RecordTypeDefinition>> = {
  deal: {
    label: 'Deal',
    fields: [
      { name: 'company', label: 'Company', type: 'string', required: true },
      { name: 'amount', label: 'Amount (EUR)', type: 'number' },
      { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'qualified', 'proposal', 'won', 'lost'] },
      { name: 'closeDate', label: 'Close date', type: 'date' },
      { name: 'priority', label: 'High priority', type: 'boolean' },
      { name: 'nextStep', label: 'Next step', type: 'string' },
    ],
  },
  contact: {
    label: 'Contact',
    fields: [
      { name: 'name', label: 'Name', type: 'string', required: true },
      { name: 'email', label: 'Email', type: 'string' },
      { name: 'phone', label: 'Phone', type: 'string' },
      { name: 'title', label: 'Job title', type: 'string' },
    ],
  },
};

export const workspaceRecordTypes = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(WORKSPACE_ROOTS.recordTypes);

export const isRecordTypeId = (value: unknown): value is string => typeof value === 'string' && RECORD_TYPE_PATTERN.test(value);

/** A stored type's problems: a label, and fields that make a valid schema. */
export function validateRecordType(value: unknown, path: string): Problem[] {
  if (!isPlainObject(value)) return [problem('wrong-type', path, 'a record type must be an object {label, fields}')];
  const problems: Problem[] = [];
  const extra = Object.keys(value).filter((key) => key !== 'label' && key !== 'fields');
  if (extra.length > 0) problems.push(problem('unknown-key', `${path}.${extra[0]}`, 'a record type has only label and fields'));
  const label = value.label;
  if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_RECORD_TYPE_LABEL_LENGTH) {
    problems.push(problem('invalid-value', `${path}.label`, `label must be 1 to ${MAX_RECORD_TYPE_LABEL_LENGTH} characters`));
  }
  problems.push(...validateSchema(value.fields, `${path}.fields`));
  return problems;
}

/**
 * What a new list of fields may not do to the old one: drop a field, or change its type or a link's
 * target (values already written would stop fitting). Labels, options, order, `required` and
 * `hidden` may change.
 */
export function schemaChangeProblems(before: readonly FieldDefinition[], after: readonly FieldDefinition[], path: string): Problem[] {
  const next = new Map(after.map((definition) => [definition.name, definition]));
  return before.flatMap((old): Problem[] => {
    const now = next.get(old.name);
    if (!now) return [problem('removed-field', path, `field ${old.name} cannot be removed (hide it instead)`)];
    if (now.type !== old.type) return [problem('retyped-field', path, `field ${old.name} keeps its type ${old.type} (add a new field instead)`)];
    if (now.target !== old.target) return [problem('retyped-field', path, `link ${old.name} keeps its target ${old.target ?? ''}`)];
    return [];
  });
}

/** The type as stored, or its default; undefined when neither exists or the stored one is malformed. */
export function getRecordType(doc: Y.Doc, id: string): RecordType | undefined {
  const stored = workspaceRecordTypes(doc).get(id);
  if (stored !== undefined) return validateRecordType(stored, id).length === 0 ? copyType(id, stored as RecordTypeDefinition) : undefined;
  const fallback = DEFAULT_RECORD_TYPES[id];
  return fallback ? copyType(id, fallback) : undefined;
}

/** Deal and contact first, then the others by id. */
export function listRecordTypes(doc: Y.Doc): RecordType[] {
  const ids = [...new Set([...Object.keys(DEFAULT_RECORD_TYPES), ...sortedKeys(workspaceRecordTypes(doc))])];
  return ids.flatMap((id) => getRecordType(doc, id) ?? []);
}

/** Adds or replaces a type (admins only, enforced by the server); refuses what the server would. */
export function setRecordType(doc: Y.Doc, type: RecordType): void {
  if (!isRecordTypeId(type.id)) throw new ModelError('invalid-input', 'a record type id must match [A-Za-z0-9_-]{1,63}');
  const definition: RecordTypeDefinition = { label: type.label, fields: type.fields.map(copyDefinition) };
  const problems = [...validateRecordType(definition, type.id), ...schemaChangeProblems(getRecordType(doc, type.id)?.fields ?? [], definition.fields, type.id)];
  if (problems.length > 0) throw new ModelError('invalid-input', problems.map((p) => p.message).join('; '));
  doc.transact(() => workspaceRecordTypes(doc).set(type.id, definition));
}

/**
 * A form's schema brought up to its type: the type's fields in the type's order, then the form's own
 * fields the type does not have, hidden. A form field whose type differs from the type's field of
 * the same name (a form made before the type) stays as it is.
 */
export function schemaForType(schema: readonly FieldDefinition[], typeFields: readonly FieldDefinition[]): FieldDefinition[] {
  const own = new Map(schema.map((definition) => [definition.name, definition]));
  const fromType = typeFields.map((definition) => {
    const current = own.get(definition.name);
    return current && (current.type !== definition.type || current.target !== definition.target) ? current : definition;
  });
  const names = new Set(typeFields.map((definition) => definition.name));
  const leftOver = schema.filter((definition) => !names.has(definition.name)).map((definition) => ({ ...definition, hidden: true }));
  return [...fromType, ...leftOver].map(copyDefinition);
}

/** The fields a record shows (in forms, as list columns): every one not hidden, in order. */
export function shownFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((definition) => definition.hidden !== true);
}

/** Whether applying `schemaForType` would change nothing. */
export function followsType(schema: readonly FieldDefinition[], typeFields: readonly FieldDefinition[]): boolean {
  return JSON.stringify(schemaForType(schema, typeFields)) === JSON.stringify(schema.map(copyDefinition));
}

function copyType(id: string, definition: RecordTypeDefinition): RecordType {
  return { id, label: definition.label, fields: definition.fields.map(copyDefinition) };
}
