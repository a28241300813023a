import type { FieldDefinition, FieldValue } from '@concord/shared';

/** A field value as an <input> shows it. */
export function toInput(value: FieldValue): string {
  return value === null ? '' : String(value);
}

/** What an <input>'s text means for this field; empty is "no value". */
export function fromInput(definition: FieldDefinition, text: string): FieldValue {
  if (text.trim() === '') return null;
  if (definition.type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : null;
  }
  if (definition.type === 'boolean') return text === 'true';
  return text;
}

export function displayValue(value: FieldValue): string {
  if (value === null) return '(empty)';
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  return String(value);
}
