import { canWrite, getRecordType, listFormEntries } from '@concord/shared';
import { useMemo, useState } from 'react';
import { Link } from '../../app/Link.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { NewFormButton } from '../form/NewFormButton.tsx';
import { filterRows } from './filterRows.ts';
import { PipelineBoard } from './PipelineBoard.tsx';
import { recordColumns, stageField, totalField } from './recordColumns.ts';
import { RecordsTable } from './RecordsTable.tsx';
import { pluralLabel } from './recordTypes.ts';
import { useRecords } from './useRecords.ts';

/** Every record of one type, as a table or (with an enum field) a pipeline board. */
export function RecordsScreen({ type, view, workspace }: { type: string; view: 'table' | 'board'; workspace: DocumentState }) {
  const { session } = useCollab();
  const directoryVersion = useObserved(workspace.doc, (doc) => listFormEntries(doc).filter((entry) => entry.entityType === type).length);
  const { rows, schema, source, problem } = useRecords(type, directoryVersion);
  // the type's definition as text: a new value only when an admin changes it
  const typesVersion = useObserved(workspace.doc, (doc) => JSON.stringify(getRecordType(doc, type) ?? null));
  const [filter, setFilter] = useState('');
  const columns = useMemo(() => recordColumns(workspace.doc, type, schema), [workspace.doc, type, schema, typesVersion]);
  const stage = stageField(columns);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const label = pluralLabel(workspace.doc, type);

  return (
    <section className="screen records-screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">{label}</h1>
          <p className="muted" data-testid="records-count">
            {source === 'none' ? 'Loading…' : `${shown.length} of ${rows.length}`}
            {problem && <span className="tag tag-warning" title={problem}>not current</span>}
          </p>
        </div>
        {canWrite(session.user.role) && <NewFormButton workspace={workspace} entityType={type} buttonText={`New ${(label.endsWith('s') ? label.slice(0, -1) : label).toLowerCase()}`} />}
      </header>
      <div className="row records-toolbar">
        <nav className="view-switch" aria-label="View">
          <Link to={{ screen: 'records', type, view: 'table' }} ariaCurrent={view === 'table'} className="button">Table</Link>
          {stage && <Link to={{ screen: 'records', type, view: 'board' }} ariaCurrent={view === 'board'} className="button">Pipeline</Link>}
        </nav>
        <input type="search" className="grow" placeholder={`Filter ${label.toLowerCase()}`} aria-label="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {view === 'board' && stage ? <PipelineBoard rows={shown} stage={stage} total={totalField(columns)} /> : <RecordsTable rows={shown} columns={columns} />}
    </section>
  );
}
