/** The shape of a CRM record's form `<org>:form:<entityType>.<entityId>` (docs/PROTOCOL.md, "Schemas"). */
import * as Y from 'yjs';
import { FORM_ROOTS, isFieldWrite, MAX_FREE_TEXT_LENGTH, readFormSchema, validateSchema, validateStoredValue } from '../form.ts';
import { SEGMENT_PATTERN } from '../names.ts';
import { problem, type Problem } from '../problems.ts';
import { isYMap, sortedKeys } from '../values.ts';
import { isString } from './checks.ts';
import { map, mapOf, text, value, type DocumentShape, type ValueCheck } from './shape.ts';
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
  [FORM_ROOTS.fields]: mapOf(mapOf(value(isWrite), SEGMENT_PATTERN, { rule: 'form-writes' }), SEGMENT_PATTERN, { rule: 'form-fields' }),
  // fieldName → Text, for fields of type `text`
  [FORM_ROOTS.texts]: mapOf(text(MAX_FREE_TEXT_LENGTH), SEGMENT_PATTERN, { rule: 'form-texts' }),
};

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
  if (fields instanceof Y.Map) {
    for (const name of sortedKeys(fields)) {
      const definition = byName.get(name);
      if (!definition || definition.type === 'text') problems.push(problem('unknown-field', `fields.${name}`, `${name} is not a value field of the schema`));
      const writes = fields.get(name);
      if (!definition || definition.type === 'text' || !isYMap(writes)) continue;
      for (const writeId of sortedKeys(writes)) {
        const write = writes.get(writeId);
        if (isFieldWrite(write)) problems.push(...validateStoredValue(definition, write.value, `fields.${name}.${writeId}`));
      }
    }
  }
  const texts = doc.share.get(FORM_ROOTS.texts);
  if (texts instanceof Y.Map) {
    for (const name of sortedKeys(texts)) {
      if (byName.get(name)?.type !== 'text') problems.push(problem('unknown-field', `texts.${name}`, `${name} is not a text field of the schema`));
    }
  }
  return problems;
}
