/** The form schema and value generator the form properties share. */
import type { FieldDefinition, FieldValue } from '../../src/index.ts';

export const FORM_SCHEMA: FieldDefinition[] = [
  { name: 'amount', label: 'Amount', type: 'number' },
  { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] },
  { name: 'close', label: 'Close', type: 'date' },
  { name: 'hot', label: 'Hot', type: 'boolean' },
  { name: 'summary', label: 'Summary', type: 'text' },
];

/** A valid value for `field`, chosen by `n`. */
export function randomValue(field: FieldDefinition, n: number): FieldValue {
  switch (field.type) {
    case 'number': return n * 10;
    case 'enum': return field.options![n % field.options!.length];
    case 'date': return `2024-0${(n % 9) + 1}-1${n % 10}`;
    case 'boolean': return n % 2 === 0;
    default: return `s${n}`;
  }
}
