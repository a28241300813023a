/**
 * One CRM record as a row of the records list (docs/PROTOCOL.md, "Records"): what the server's
 * projection stores per form document and `GET /api/records` returns, and what the web client
 * derives itself from a form it has open, so both read a record the same way. A row carries each
 * field's shown value (the newest head, §5), which fields are in conflict, and the ids of each
 * field's heads (a write made from the row supersedes those, the heads its author saw), never the
 * writes themselves.
 */
import type * as Y from 'yjs';
import { fieldsInConflict, readField, readFormMeta, RECORD_TYPE_PATTERN, type FieldDefinition, type FieldValue } from './form.ts';
import { parseDocName } from './names.ts';

/** A `text` field's value is cut to this in a row: a list shows the start of it. */
export const ROW_TEXT_CHARS = 200;

export interface RecordRow {
  /** The form document, `<org>:form:<type>.<id>`. */
  doc: string;
  /** `<type>.<id>`, the form's id. */
  id: string;
  type: string;
  title: string;
  /** Shown value of every field of the schema that has one. */
  fields: Record<string, FieldValue>;
  /** Names of the fields in conflict (several heads), sorted. */
  conflicts: string[];
  /**
   * Per field that was written (not free text), the ids of its heads, sorted: what a write made
   * from this row supersedes (WriteOptions.supersedes), so a concurrent write it did not see stays a
   * head and the two are a conflict to review.
   */
  heads: Record<string, string[]>;
  /** Newest `at` among the fields' current values (heads); null when nothing was written yet. */
  updatedAt: number | null;
}

/** A row and the schema of its form (kept apart: a list carries the schema once, not per row). */
export interface RecordRead {
  row: RecordRow;
  schema: FieldDefinition[];
}

export function isRecordType(value: string): boolean {
  return RECORD_TYPE_PATTERN.test(value);
}

/** The row of the form document `name` and its schema, or null when `name` is not a form. */
export function readRecord(name: string, doc: Y.Doc): RecordRead | null {
  const parsed = parseDocName(name);
  if (!parsed.ok || parsed.name.kind !== 'form') return null;
  const id = parsed.name.id;
  const meta = readFormMeta(doc);
  const fields: Record<string, FieldValue> = {};
  const heads: Record<string, string[]> = {};
  let updatedAt: number | null = null;
  for (const definition of meta.schema) {
    const state = readField(doc, definition.name);
    if (state.type === 'text') {
      if (state.value) fields[definition.name] = String(state.value).slice(0, ROW_TEXT_CHARS);
      continue;
    }
    for (const candidate of state.candidates) updatedAt = Math.max(updatedAt ?? 0, candidate.at);
    if (state.candidates.length > 0) heads[definition.name] = state.candidates.map((candidate) => candidate.writeId).sort();
    if (state.value !== null) fields[definition.name] = state.value;
  }
  const row = { doc: name, id, type: id.slice(0, id.indexOf('.')), title: meta.title || id, fields, conflicts: fieldsInConflict(doc), heads, updatedAt };
  return { row, schema: meta.schema };
}
