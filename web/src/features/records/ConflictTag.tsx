import type { RecordRow } from '@concord/shared';

/** A row's conflict badge: how many fields wait for someone to choose. */
export function ConflictTag({ row }: { row: RecordRow }) {
  if (row.conflicts.length === 0) return null;
  const count = row.conflicts.length;
  return (
    <span className="tag tag-conflict" data-testid="row-conflict" title={`In conflict: ${row.conflicts.join(', ')}`}>
      {count} {count === 1 ? 'conflict' : 'conflicts'}
    </span>
  );
}
