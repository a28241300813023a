/**
 * The one place that decides which fields a record type shows as columns (and which enum and number
 * fields the pipeline uses): the type's definition (shared/src/record-types.ts) without its hidden
 * fields, else — for a type only records know — the schema the server's list or an open form has.
 */
import { getRecordType, shownFields, type FieldDefinition } from '@concord/shared';
import type * as Y from 'yjs';

export function recordColumns(workspace: Y.Doc, type: string, rowsSchema: readonly FieldDefinition[]): FieldDefinition[] {
  return shownFields(getRecordType(workspace, type)?.fields ?? rowsSchema);
}

/** The field a pipeline groups by: `stage` if it is an enum, else the first enum field. */
export function stageField(columns: readonly FieldDefinition[]): FieldDefinition | undefined {
  const enums = columns.filter((c) => c.type === 'enum' && (c.options?.length ?? 0) > 0);
  return enums.find((c) => c.name === 'stage') ?? enums[0];
}

/** The field a pipeline column totals: `amount` if it is a number, else the first number field. */
export function totalField(columns: readonly FieldDefinition[]): FieldDefinition | undefined {
  const numbers = columns.filter((c) => c.type === 'number');
  return numbers.find((c) => c.name === 'amount') ?? numbers[0];
}
