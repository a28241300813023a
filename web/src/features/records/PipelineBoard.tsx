import { canWrite, type FieldDefinition, type FieldValue, type RecordRow } from '@concord/shared';
import { useState, type DragEvent } from 'react';
import { Link } from '../../app/Link.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import { CardReview } from './CardReview.tsx';
import { ConflictTag } from './ConflictTag.tsx';
import { useFieldWriter } from './useFieldWriter.ts';

/** Cards drawn per column; the table lists the rest. */
const CARDS_PER_COLUMN = 100;
const DRAG_TYPE = 'application/x-concord-record';

/**
 * A column per option of the stage field (and one for records without a stage); a card moves by
 * drag and drop or by its "Move to" menu, each move one write of the stage field. Each column
 * totals the number field.
 */
export function PipelineBoard({ rows, stage, total }: { rows: readonly RecordRow[]; stage: FieldDefinition; total?: FieldDefinition }) {
  const { session } = useCollab();
  const write = useFieldWriter();
  const [over, setOver] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const writable = canWrite(session.user.role);
  const options = stage.options ?? [];
  const unset = rows.some((row) => !options.includes(String(row.fields[stage.name] ?? '')));
  const columns: { key: string; label: string; value: FieldValue }[] = [
    ...(unset ? [{ key: '', label: `No ${stage.label.toLowerCase()}`, value: null }] : []),
    ...options.map((option) => ({ key: option, label: option, value: option })),
  ];
  const byColumn = new Map(columns.map((c) => [c.key, [] as RecordRow[]]));
  for (const row of rows) {
    const value = row.fields[stage.name];
    byColumn.get(typeof value === 'string' && options.includes(value) ? value : '')?.push(row);
  }

  // The heads shown on the card are the ones its move supersedes (useFieldWriter.ts).
  const move = (row: RecordRow, value: FieldValue) => write(row.doc, stage.name, value, row.heads?.[stage.name] ?? (row.heads ? [] : undefined));
  const drop = (event: DragEvent, value: FieldValue) => {
    event.preventDefault();
    setOver(null);
    const doc = event.dataTransfer.getData(DRAG_TYPE);
    const row = rows.find((r) => r.doc === doc);
    if (row) move(row, value);
  };

  return (
    <div className="pipeline" data-testid="pipeline">
      {columns.map((column) => {
        const cards = byColumn.get(column.key) ?? [];
        const sum = total ? cards.reduce((acc, row) => acc + (typeof row.fields[total.name] === 'number' ? (row.fields[total.name] as number) : 0), 0) : 0;
        return (
          <section
            key={column.key}
            className={`pipeline-column${over === column.key ? ' drop-target' : ''}`}
            aria-label={column.label}
            data-testid={`column-${column.key || 'none'}`}
            onDragOver={(event) => {
              if (!writable || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
              event.preventDefault();
              setOver(column.key);
            }}
            onDragLeave={() => setOver((key) => (key === column.key ? null : key))}
            onDrop={(event) => drop(event, column.value)}
          >
            <header className="pipeline-heading">
              <h2>{column.label}</h2>
              <span className="muted small" data-testid="column-count">{cards.length}</span>
              {total && <span className="pipeline-total" data-testid="column-total">{sum.toLocaleString()}</span>}
            </header>
            <ul className="pipeline-cards">
              {cards.slice(0, CARDS_PER_COLUMN).map((row) => (
                <li
                  key={row.doc}
                  className="pipeline-card card"
                  data-testid="card"
                  data-record={row.id}
                  draggable={writable}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(DRAG_TYPE, row.doc);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                >
                  <Link to={{ screen: 'form', id: row.id }} className="card-title">{row.title}</Link>
                  {total && typeof row.fields[total.name] === 'number' && <span className="muted small">{(row.fields[total.name] as number).toLocaleString()}</span>}
                  {row.conflicts.includes(stage.name) ? (
                    <button type="button" className="conflict-badge" data-testid="card-conflict" onClick={() => setReviewing(row.doc)}>
                      Conflict — review
                    </button>
                  ) : (
                    <ConflictTag row={row} />
                  )}
                  {writable && (
                    <label className="move-to small">
                      Move to
                      <select
                        aria-label={`Move ${row.title} to`}
                        value={column.key}
                        onChange={(event) => move(row, event.target.value === '' ? null : event.target.value)}
                      >
                        {columns.map((target) => (
                          <option key={target.key} value={target.key} disabled={target.key === '' && stage.required}>
                            {target.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                </li>
              ))}
              {cards.length > CARDS_PER_COLUMN && <li className="muted small">{cards.length - CARDS_PER_COLUMN} more in the table</li>}
            </ul>
          </section>
        );
      })}
      {reviewing && <CardReview doc={reviewing} definition={stage} onClose={() => setReviewing(null)} />}
    </div>
  );
}
