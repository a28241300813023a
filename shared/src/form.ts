/**
 * A CRM record's form `<org>:form:<entityType>.<entityId>` (docs/PROTOCOL.md, "Schemas", "Business
 * fields"): root Map `meta` {title, entityType, entityId, schema}; a field's writes (writeId →
 * FieldWrite) and a text field's Y.Text.
 *
 * The fields of the first schema keep theirs nested, made by defineForm: root Map `fields`
 * (fieldName → Map) and root Map `texts` (fieldName → Y.Text). A field added later keeps them in
 * root types named for it, `field:<name>` and `text:<name>` (issue 14): two replicas adding the
 * same field concurrently would each make a nested Map and Yjs would keep one, losing the writes
 * made into the other, while a root type is identified by its name, so both replicas' writes land
 * in the same one.
 */
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import { problem, type Problem } from './problems.ts';
import {
  headIds, prunableIds, registerState, RESOLUTIONS, type Candidate, type FieldValue, type FieldWrite, type Resolution,
} from './form-register.ts';
import { isPlainObject, isYMap, readString, type YMap } from './values.ts';

export { headIds, prunableIds, registerState, RESOLUTIONS, type Candidate, type FieldValue, type FieldWrite, type Resolution };

export const FORM_ROOTS = { meta: 'meta', fields: 'fields', texts: 'texts' } as const;

export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'enum', 'text', 'link', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const MAX_FIELD_STRING_LENGTH = 10_000;
export const MAX_FREE_TEXT_LENGTH = 100_000;
/**
 * Bounds of a schema, so checking a write against it costs little however many writes one update
 * carries (issue 10). Generous for a CRM form: Salesforce caps picklists at 1,000 values and custom
 * fields per object at 500 to 800.
 */
export const MAX_FORM_FIELDS = 500;
export const MAX_ENUM_OPTIONS = 1_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A record type's id: the `<entityType>` of a form id `<entityType>.<entityId>` (no dot). */
export const RECORD_TYPE_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;
/** A link's value: one record, as its form id `<entityType>.<entityId>`. */
const RECORD_REF_PATTERN = /^([A-Za-z0-9_-]{1,63})\.([A-Za-z0-9._-]{1,64})$/;

export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  options?: string[];
  required?: boolean;
  /** For a `link`: the record type its value refers to. */
  target?: string;
  /** Removed from its record type: not shown as a field, its writes kept and still readable. */
  hidden?: boolean;
}

export interface FormMeta {
  title: string;
  entityType: string;
  entityId: string;
  schema: FieldDefinition[];
}

export interface Author {
  id: string;
  name: string;
}

export interface FieldState {
  name: string;
  type: FieldType | undefined;
  value: FieldValue;
  conflict: boolean;
  /** Every head, newest first; the first is the shown value. Empty for text fields. */
  candidates: Candidate[];
}

export interface FieldView {
  value: FieldValue;
  conflict: boolean;
  /** Present when the field was written: who wrote the shown value and when. */
  by?: string;
  byName?: string;
  at?: number;
  /** Present only in conflict: every candidate with who and when. */
  candidates?: Candidate[];
}

export interface FormView {
  meta: FormMeta;
  fields: Record<string, FieldView>;
}

export const formMeta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(FORM_ROOTS.meta);
export const formFields = (doc: Y.Doc): Y.Map<YMap> => doc.getMap(FORM_ROOTS.fields);
export const formTexts = (doc: Y.Doc): Y.Map<Y.Text> => doc.getMap(FORM_ROOTS.texts);

/** Root names of the writes and the text of a field added after the form was defined. */
export const FIELD_ROOT_PREFIX = 'field:';
export const TEXT_ROOT_PREFIX = 'text:';
export const fieldRootName = (name: string): string => `${FIELD_ROOT_PREFIX}${name}`;
export const textRootName = (name: string): string => `${TEXT_ROOT_PREFIX}${name}`;

/**
 * The field a change at `path` (a container's path, then its key) belongs to, and which part of it:
 * `fields/<name>/<writeId>` or `field:<name>/<writeId>` (a write), `texts/<name>/…` or
 * `text:<name>/…` (its free text).
 */
export function fieldAtPath(path: readonly string[]): { field: string; part: 'write' | 'text' } | undefined {
  const [root, next] = path;
  if (root === undefined || next === undefined) return undefined;
  if (root === FORM_ROOTS.fields) return path.length === 3 ? { field: next, part: 'write' } : undefined;
  if (root === FORM_ROOTS.texts) return { field: next, part: 'text' };
  if (root.startsWith(FIELD_ROOT_PREFIX)) return path.length === 2 ? { field: root.slice(FIELD_ROOT_PREFIX.length), part: 'write' } : undefined;
  if (root.startsWith(TEXT_ROOT_PREFIX)) return { field: root.slice(TEXT_ROOT_PREFIX.length), part: 'text' };
  return undefined;
}

/** A root by name, typed, without creating it; undefined when absent or of another type. */
function existingRoot<T>(doc: Y.Doc, name: string, get: (name: string) => T): T | undefined {
  if (!doc.share.has(name)) return undefined;
  try {
    return get(name);
  } catch {
    return undefined;
  }
}

/** The Maps holding a field's writes: the nested one made with the first schema, and its own root. */
export function fieldWriteMaps(doc: Y.Doc, name: string): YMap[] {
  const nested = formFields(doc).get(name);
  const root = existingRoot(doc, fieldRootName(name), (n) => doc.getMap<unknown>(n));
  return [nested, root].filter(isYMap);
}

/** Where a new write of a field goes: its nested Map if the first schema made one, else its root. */
function writeTarget(doc: Y.Doc, name: string): YMap {
  const nested = formFields(doc).get(name);
  return isYMap(nested) ? nested : doc.getMap<unknown>(fieldRootName(name));
}

/** Names of every field that holds writes or text, nested or in its own root, sorted. */
export function writtenFieldNames(doc: Y.Doc): string[] {
  const names = new Set([...formFields(doc).keys(), ...formTexts(doc).keys()]);
  for (const root of doc.share.keys()) {
    if (root.startsWith(FIELD_ROOT_PREFIX)) names.add(root.slice(FIELD_ROOT_PREFIX.length));
    else if (root.startsWith(TEXT_ROOT_PREFIX)) names.add(root.slice(TEXT_ROOT_PREFIX.length));
  }
  return [...names].sort();
}

/** Names of the fields that hold writes, nested or in their own root, sorted. */
function valueFieldNames(doc: Y.Doc): string[] {
  const names = new Set(formFields(doc).keys());
  for (const root of doc.share.keys()) if (root.startsWith(FIELD_ROOT_PREFIX)) names.add(root.slice(FIELD_ROOT_PREFIX.length));
  return [...names].sort();
}

// ---- schema ----

export interface DefineFormInput {
  title: string;
  entityType: string;
  entityId: string;
  schema: readonly FieldDefinition[];
}

/**
 * Defines the form; the first definition makes the nested Map (or Text) of each field. Define it on
 * one replica (the creator) before others write.
 */
export function defineForm(doc: Y.Doc, input: DefineFormInput): void {
  doc.transact(() => {
    const meta = formMeta(doc);
    const first = !meta.has('schema');
    meta.set('title', input.title);
    meta.set('entityType', input.entityType);
    meta.set('entityId', input.entityId);
    setFormSchema(doc, input.schema);
    if (first) makeNestedContainers(doc, input.schema);
  });
}

/** Replaces the schema. A field it adds needs no container made: its writes go to its own root. */
export function setFormSchema(doc: Y.Doc, schema: readonly FieldDefinition[]): void {
  const problems = validateSchema(schema);
  if (problems.length > 0) throw new ModelError('invalid-input', problems.map((p) => p.message).join('; '));
  formMeta(doc).set('schema', schema.map(copyDefinition));
}

function makeNestedContainers(doc: Y.Doc, schema: readonly FieldDefinition[]): void {
  const fields = formFields(doc);
  const texts = formTexts(doc);
  for (const definition of schema) {
    if (definition.type === 'text') texts.set(definition.name, new Y.Text());
    else fields.set(definition.name, new Y.Map<unknown>());
  }
}

export function readFormSchema(doc: Y.Doc): FieldDefinition[] {
  const schema = formMeta(doc).get('schema');
  return Array.isArray(schema) ? schema.filter((d): d is FieldDefinition => validateDefinition(d, '').length === 0).map(copyDefinition) : [];
}

export function fieldDefinition(doc: Y.Doc, name: string): FieldDefinition | undefined {
  return readFormSchema(doc).find((definition) => definition.name === name);
}

export function readFormMeta(doc: Y.Doc): FormMeta {
  const meta = formMeta(doc);
  return {
    title: readString(meta, 'title') ?? '',
    entityType: readString(meta, 'entityType') ?? '',
    entityId: readString(meta, 'entityId') ?? '',
    schema: readFormSchema(doc),
  };
}

// ---- reading fields ----

/** The well-formed writes of a field (malformed entries are skipped here and reported by the validator). */
export function fieldWrites(doc: Y.Doc, name: string): Map<string, FieldWrite> {
  const out = new Map<string, FieldWrite>();
  for (const map of fieldWriteMaps(doc, name)) {
    for (const [writeId, write] of map) if (isFieldWrite(write)) out.set(writeId, write);
  }
  return out;
}

export function readField(doc: Y.Doc, name: string): FieldState {
  return fieldState(doc, name, fieldDefinition(doc, name));
}

function fieldState(doc: Y.Doc, name: string, definition: FieldDefinition | undefined): FieldState {
  if (definition?.type === 'text') {
    return { name, type: 'text', value: fieldText(doc, name)?.toString() ?? '', conflict: false, candidates: [] };
  }
  return { name, type: definition?.type, ...registerState(fieldWrites(doc, name)) };
}

/**
 * The shared text of a `text` field, for editors to bind to: its nested Text if the first schema
 * made one, else its own root (made here, locally, for a text field of the schema).
 */
export function fieldText(doc: Y.Doc, name: string): Y.Text | undefined {
  const nested = formTexts(doc).get(name);
  if (nested instanceof Y.Text) return nested;
  const root = existingRoot(doc, textRootName(name), (n) => doc.getText(n));
  if (root) return root;
  return fieldDefinition(doc, name)?.type === 'text' && isValidId(name) ? doc.getText(textRootName(name)) : undefined;
}

export function fieldsInConflict(doc: Y.Doc): string[] {
  return valueFieldNames(doc).filter((name) => headIds(fieldWrites(doc, name)).length > 1);
}

// ---- writing fields ----

export interface WriteOptions {
  at?: number;
  writeId?: string;
  /**
   * The heads its author saw, when they saw the field elsewhere than in this replica (a row of the
   * records list): a write made once the document arrives must not supersede writes that arrived
   * with it, unseen. By default, every head this replica currently sees. Ids this replica does not
   * hold are kept: they are writes it has yet to receive, or pruned ones, which are ignored (§5).
   */
  supersedes?: readonly string[];
}

/** A new write that supersedes the heads its author saw (options.supersedes, or this replica's). Returns its writeId. */
export function writeField(doc: Y.Doc, name: string, value: FieldValue, author: Author, options: WriteOptions = {}): string {
  return addWrite(doc, name, value, author, options);
}

export interface Resolve {
  choice: Resolution;
  value: FieldValue;
}

/** Settles a conflict with one write that supersedes all heads, chosen or merged. */
export function resolveField(doc: Y.Doc, name: string, resolve: Resolve, author: Author, options: WriteOptions = {}): string {
  if (!RESOLUTIONS.includes(resolve.choice)) throw new ModelError('invalid-input', `choice must be one of ${RESOLUTIONS.join(', ')}`);
  return addWrite(doc, name, resolve.value, author, options, resolve.choice);
}

function addWrite(doc: Y.Doc, name: string, value: FieldValue, author: Author, options: WriteOptions, resolution?: Resolution): string {
  const definition = fieldDefinition(doc, name);
  if (!definition) throw new ModelError('unknown-field', `the form has no field ${JSON.stringify(name)}`);
  if (definition.type === 'text') throw new ModelError('not-a-text-field', `${name} is free text: edit fieldText(doc, name)`);
  const problems = validateFieldValue(definition, value, `fields.${name}`);
  if (problems.length > 0) throw new ModelError('invalid-value', problems.map((p) => p.message).join('; '));
  const map = writeTarget(doc, name);
  const at = options.at ?? Date.now();
  const writeId = options.writeId ?? newId(at);
  if (!isValidId(writeId) || fieldWriteMaps(doc, name).some((m) => m.has(writeId))) throw new ModelError('invalid-input', `writeId ${JSON.stringify(writeId)} is invalid or taken`);
  const supersedes = options.supersedes ? [...new Set(options.supersedes)].sort() : headIds(fieldWrites(doc, name)).sort();
  const badId = supersedes.find((id) => !isValidId(id) || id === writeId);
  if (badId !== undefined) throw new ModelError('invalid-input', `supersedes: ${JSON.stringify(badId)} is not the id of another write`);
  const write: FieldWrite = { value, by: author.id, byName: author.name, at, supersedes };
  if (resolution) write.resolution = resolution;
  doc.transact(() => map.set(writeId, write));
  return writeId;
}

/** Deletes superseded writes no head refers to; never changes what readField shows. Returns how many. */
export function pruneField(doc: Y.Doc, name: string): number {
  const maps = fieldWriteMaps(doc, name);
  const prunable = prunableIds(fieldWrites(doc, name));
  if (prunable.length > 0) doc.transact(() => prunable.forEach((id) => maps.forEach((map) => map.has(id) && map.delete(id))));
  return prunable.length;
}

export function pruneForm(doc: Y.Doc): number {
  let pruned = 0;
  doc.transact(() => {
    for (const name of valueFieldNames(doc)) pruned += pruneField(doc, name);
  });
  return pruned;
}

// ---- validation ----

export function validateFieldValue(definition: FieldDefinition, value: unknown, path: string = `fields.${definition.name}`): Problem[] {
  const bad = (message: string): Problem[] => [problem('invalid-value', path, `${definition.name}: ${message}`)];
  if (value === null) return definition.required ? bad('is required and cannot be cleared') : [];
  switch (definition.type) {
    case 'string':
      if (typeof value !== 'string') return bad('must be a string');
      return value.length > MAX_FIELD_STRING_LENGTH ? bad(`is longer than ${MAX_FIELD_STRING_LENGTH} characters`) : [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : bad('must be a finite number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : bad('must be true or false');
    case 'date':
      return typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value)) ? [] : bad('must be a date YYYY-MM-DD');
    case 'enum':
      return typeof value === 'string' && (definition.options ?? []).includes(value) ? [] : bad(`must be one of ${(definition.options ?? []).join(', ')}`);
    case 'text':
      return bad('is free text, held in texts, not written as a value');
    case 'link': {
      const ref = typeof value === 'string' ? RECORD_REF_PATTERN.exec(value) : null;
      if (!ref) return bad('must be a record id <type>.<id>');
      return ref[1] === definition.target ? [] : bad(`must be a record of type ${definition.target ?? '?'}`);
    }
    case 'file':
      return typeof value === 'string' && isValidId(value) ? [] : bad('must be a file id from /api/files');
  }
}

/** The record a link value refers to, split; undefined when the value is not a record id. */
export function parseRecordRef(value: unknown): { type: string; id: string } | undefined {
  const ref = typeof value === 'string' ? RECORD_REF_PATTERN.exec(value) : null;
  return ref ? { type: ref[1]!, id: ref[2]! } : undefined;
}

/**
 * Whether a stored value is of its field's type, whatever the options or `required` say now: a
 * value accepted once stays valid when a record type later drops an option or makes a field
 * required (docs/PROTOCOL.md, "Record types"). New writes are held to the whole definition.
 */
export function validateStoredValue(definition: FieldDefinition, value: unknown, path: string): Problem[] {
  if (value === null) return [];
  if (definition.type === 'enum') return typeof value === 'string' ? [] : [problem('invalid-value', path, `${definition.name}: must be a string`)];
  return validateFieldValue({ ...definition, required: false }, value, path);
}

export function validateSchema(schema: unknown, path = 'meta.schema'): Problem[] {
  if (!Array.isArray(schema)) return [problem('wrong-type', path, 'schema must be an array of field definitions')];
  if (schema.length > MAX_FORM_FIELDS) return [problem('too-long', path, `a schema has at most ${MAX_FORM_FIELDS} fields`)];
  const problems = schema.flatMap((definition, index) => validateDefinition(definition, `${path}[${index}]`));
  const names = new Set<unknown>();
  schema.forEach((definition: { name?: unknown; options?: unknown }, index) => {
    const name = definition?.name;
    if (names.has(name)) problems.push(problem('duplicate-field', `${path}[${index}].name`, `field ${String(name)} is defined twice`));
    names.add(name);
    if (Array.isArray(definition?.options) && definition.options.length > MAX_ENUM_OPTIONS) {
      problems.push(problem('too-long', `${path}[${index}].options`, `a field has at most ${MAX_ENUM_OPTIONS} options`));
    }
  });
  return problems;
}

function validateDefinition(definition: unknown, path: string): Problem[] {
  if (!isPlainObject(definition)) return [problem('wrong-type', path, 'a field definition must be an object')];
  const problems: Problem[] = [];
  if (!isValidId(definition.name)) problems.push(problem('invalid-id', `${path}.name`, 'a field name must match [A-Za-z0-9._-]{1,64}'));
  if (typeof definition.label !== 'string') problems.push(problem('wrong-type', `${path}.label`, 'label must be a string'));
  if (!(FIELD_TYPES as readonly unknown[]).includes(definition.type)) problems.push(problem('invalid-value', `${path}.type`, `type must be one of ${FIELD_TYPES.join(', ')}`));
  const options = definition.options;
  if (options !== undefined && !(Array.isArray(options) && options.every((option) => typeof option === 'string'))) {
    problems.push(problem('wrong-type', `${path}.options`, 'options must be an array of strings'));
  }
  if (definition.type === 'enum' && !(Array.isArray(options) && options.length > 0)) problems.push(problem('missing-key', `${path}.options`, 'an enum field needs options'));
  if (definition.required !== undefined && typeof definition.required !== 'boolean') problems.push(problem('wrong-type', `${path}.required`, 'required must be a boolean'));
  if (definition.hidden !== undefined && typeof definition.hidden !== 'boolean') problems.push(problem('wrong-type', `${path}.hidden`, 'hidden must be a boolean'));
  const target = definition.target;
  if (definition.type === 'link') {
    if (!(typeof target === 'string' && RECORD_TYPE_PATTERN.test(target))) problems.push(problem('missing-key', `${path}.target`, 'a link field needs a target record type [A-Za-z0-9_-]{1,63}'));
  } else if (target !== undefined) {
    problems.push(problem('invalid-value', `${path}.target`, 'only a link field has a target'));
  }
  return problems;
}


// ---- view ----

export function formToJSON(doc: Y.Doc): FormView {
  const meta = readFormMeta(doc);
  const names = new Set([...meta.schema.map((definition) => definition.name), ...valueFieldNames(doc)]);
  const fields: Record<string, FieldView> = {};
  const byName = new Map(meta.schema.map((definition) => [definition.name, definition]));
  for (const name of [...names].sort()) {
    const state = fieldState(doc, name, byName.get(name));
    const view: FieldView = { value: state.value, conflict: state.conflict };
    const shown = state.candidates[0];
    if (shown) Object.assign(view, { by: shown.by, byName: shown.byName, at: shown.at });
    if (state.conflict) view.candidates = state.candidates;
    fields[name] = view;
  }
  return { meta, fields };
}

export function isFieldWrite(value: unknown): value is FieldWrite {
  if (!isPlainObject(value)) return false;
  const v = value.value;
  return (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
    && typeof value.by === 'string' && typeof value.byName === 'string'
    && typeof value.at === 'number' && Number.isFinite(value.at)
    && Array.isArray(value.supersedes) && value.supersedes.every((id) => typeof id === 'string')
    && (value.resolution === undefined || RESOLUTIONS.includes(value.resolution as Resolution));
}

export function copyDefinition(definition: FieldDefinition): FieldDefinition {
  const out: FieldDefinition = { name: definition.name, label: definition.label, type: definition.type };
  if (definition.options !== undefined) out.options = [...definition.options];
  if (definition.required !== undefined) out.required = definition.required;
  if (definition.target !== undefined) out.target = definition.target;
  if (definition.hidden !== undefined) out.hidden = definition.hidden;
  return out;
}
