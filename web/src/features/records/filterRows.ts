import type { FieldDefinition, FieldValue, RecordRow } from '@concord/shared';

/** Rows whose title or any shown value contains `text` (case- and accent-insensitive). */
export function filterRows(rows: readonly RecordRow[], text: string): RecordRow[] {
  const wanted = fold(text.trim());
  if (!wanted) return [...rows];
  return rows.filter((row) => fold(row.title).includes(wanted) || Object.values(row.fields).some((value) => value !== null && fold(String(value)).includes(wanted)));
}

export type SortKey = { field: string; direction: 'ascending' | 'descending' };

/** Sorted by a field (`title` for the title): empty values last in both directions. */
export function sortRows(rows: readonly RecordRow[], sort: SortKey, columns: readonly FieldDefinition[]): RecordRow[] {
  const numeric = columns.find((c) => c.name === sort.field)?.type === 'number';
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const valueOf = (row: RecordRow): FieldValue => (sort.field === 'title' ? row.title : (row.fields[sort.field] ?? null));
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = numeric ? Number(x) - Number(y) : collator.compare(String(x), String(y));
    return order * sign || (a.doc < b.doc ? -1 : 1);
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
