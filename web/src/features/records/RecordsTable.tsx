import type { FieldDefinition, RecordRow } from '@concord/shared';
import { useMemo, useState } from 'react';
import { Link } from '../../app/Link.tsx';
import { displayValue } from '../form/fieldValues.ts';
import { ConflictTag } from './ConflictTag.tsx';
import { sortRows, type SortKey } from './filterRows.ts';

/** Rows drawn at first; more on request, so 2,000 records open as fast as 200. */
const PAGE_ROWS = 200;

export function RecordsTable({ rows, columns }: { rows: readonly RecordRow[]; columns: readonly FieldDefinition[] }) {
  const [sort, setSort] = useState<SortKey>({ field: 'title', direction: 'ascending' });
  const [shown, setShown] = useState(PAGE_ROWS);
  const sorted = useMemo(() => sortRows(rows, sort, columns), [rows, sort, columns]);
  const headers = [{ name: 'title', label: 'Title' }, ...columns];

  const toggle = (field: string) =>
    setSort((s) => ({ field, direction: s.field === field && s.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="records-table-wrap">
      <table className="records-table" data-testid="records-table">
        <thead>
          <tr>
            {headers.map((column) => (
              <th key={column.name} scope="col" aria-sort={sort.field === column.name ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => toggle(column.name)}>
                  {column.label}
                  <span aria-hidden="true">{sort.field === column.name ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, shown).map((row) => (
            <tr key={row.doc} data-testid="record-row" data-record={row.id}>
              <th scope="row">
                <Link to={{ screen: 'form', id: row.id }}>{row.title}</Link>
                <ConflictTag row={row} />
              </th>
              {columns.map((column) => (
                <td key={column.name} className={column.type === 'number' ? 'numeric' : undefined} data-conflict={row.conflicts.includes(column.name) || undefined}>
                  {column.name in row.fields ? displayValue(row.fields[column.name]!) : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > shown && (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </div>
  );
}
