/** The shape of a CRM record's form `<org>:form:<entityType>.<entityId>` (docs/PROTOCOL.md, "Schemas"). */
import * as Y from 'yjs';
import { fieldWriteMaps, FIELD_ROOT_PREFIX, FORM_ROOTS, isFieldWrite, MAX_FREE_TEXT_LENGTH, readFormSchema, TEXT_ROOT_PREFIX, validateSchema, validateStoredValue } from '../form.ts';
import { SEGMENT_PATTERN } from '../names.ts';
import { problem, type Problem } from '../problems.ts';
import { sortedKeys } from '../values.ts';
import { isString } from './checks.ts';
import { map, mapOf, ROOT_FAMILY, text, value, type DocumentShape, type ValueCheck } from './shape.ts';
import { validateShape } from './validate-shape.ts';
import { MAX_ENTITY_LENGTH, MAX_TITLE_LENGTH } from './workspace.ts';

const isSchema: ValueCheck = (schema, path) => validateSchema(schema, path);

const isWrite: ValueCheck = (write, path) =>
  isFieldWrite(write) ? [] : [problem('malformed-write', path, 'must be a write {value, by, byName, at, supersedes: string[], resolution?}')];

export const formShape: DocumentShape = {
  [FORM_ROOTS.meta]: map({
    title: value(isString(MAX_TITLE_LENGTH)),
    entityType: value(isString(MAX_ENTITY_LENGTH)),
    entityId: value(isString(MAX_ENTITY_LENGTH)),
    schema: value(isSchema),
  }, { rule: 'form-meta' }),
  // fieldName → writeId → write (a multi-value register, docs/PROTOCOL.md "Business fields")
  [FORM_ROOTS.fields]: mapOf(fieldWrites(), SEGMENT_PATTERN, { rule: 'form-fields' }),
  // fieldName → Text, for fields of type `text`
  [FORM_ROOTS.texts]: mapOf(text(MAX_FREE_TEXT_LENGTH), SEGMENT_PATTERN, { rule: 'form-texts' }),
  // A field added after the form was defined: its writes, or its free text, in a root of its own.
  [`${FIELD_ROOT_PREFIX}${ROOT_FAMILY}`]: fieldWrites(),
  [`${TEXT_ROOT_PREFIX}${ROOT_FAMILY}`]: text(MAX_FREE_TEXT_LENGTH, { rule: 'form-text' }),
};

function fieldWrites() {
  return mapOf(value(isWrite), SEGMENT_PATTERN, { rule: 'form-writes' });
}

/**
 * A form's problems: its shape, then what the schema in `meta` says of the rest: every field and
 * text belongs to a field of the schema of the right type, and every written value is of its field's
 * type (options and `required` judge new writes only: the guard's job).
 */
export function validateForm(doc: Y.Doc): Problem[] {
  const problems = validateShape(formShape, doc);
  const meta = doc.share.get(FORM_ROOTS.meta);
  if (!(meta instanceof Y.Map) || meta.size === 0) return problems;
  const byName = new Map(readFormSchema(doc).map((definition) => [definition.name, definition]));
  const fields = doc.share.get(FORM_ROOTS.fields);
  const valueFields: [string, string][] = fields instanceof Y.Map ? sortedKeys(fields).map((name): [string, string] => [name, `fields.${name}`]) : [];
  const textFields: [string, string][] = doc.share.get(FORM_ROOTS.texts) instanceof Y.Map ? sortedKeys(doc.getMap(FORM_ROOTS.texts)).map((name): [string, string] => [name, `texts.${name}`]) : [];
  for (const root of [...doc.share.keys()].sort()) {
    // An empty root is only a replica's local handle (an editor bound to a text not yet typed in).
    if (isEmptyRoot(doc, root)) continue;
    if (root.startsWith(FIELD_ROOT_PREFIX)) valueFields.push([root.slice(FIELD_ROOT_PREFIX.length), root]);
    else if (root.startsWith(TEXT_ROOT_PREFIX)) textFields.push([root.slice(TEXT_ROOT_PREFIX.length), root]);
  }
  for (const [name, path] of valueFields) {
    const definition = byName.get(name);
    if (!definition || definition.type === 'text') problems.push(problem('unknown-field', path, `${name} is not a value field of the schema`));
  }
  for (const [name, definition] of byName) {
    if (definition.type === 'text') continue;
    for (const writes of fieldWriteMaps(doc, name)) {
      const base = writes === (fields instanceof Y.Map ? fields.get(name) : undefined) ? `fields.${name}` : `${FIELD_ROOT_PREFIX}${name}`;
      for (const writeId of sortedKeys(writes)) {
        const write = writes.get(writeId);
        if (isFieldWrite(write)) problems.push(...validateStoredValue(definition, write.value, `${base}.${writeId}`));
      }
    }
  }
  for (const [name, path] of textFields) {
    if (byName.get(name)?.type !== 'text') problems.push(problem('unknown-field', path, `${name} is not a text field of the schema`));
  }
  return problems;
}

function isEmptyRoot(doc: Y.Doc, name: string): boolean {
  const root = doc.share.get(name);
  return !root || (root._start === null && root._map.size === 0);
}
