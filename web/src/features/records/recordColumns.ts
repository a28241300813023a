/**
 * The one place that decides which fields a record type shows as columns (and which enum and number
 * fields the pipeline uses). Today: the schema of the most recently updated record of that type (as
 * the server's list or an open form has it), else the app's template for it. When record types
 * become data (admin-defined types), only this file changes to read the type definition.
 */
import type { FieldDefinition } from '@concord/shared';
import { FORM_TEMPLATES } from '../form/formTemplates.ts';

export function recordColumns(type: string, rowsSchema: readonly FieldDefinition[]): FieldDefinition[] {
  return rowsSchema.length > 0 ? [...rowsSchema] : (FORM_TEMPLATES[type]?.schema ?? []);
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
