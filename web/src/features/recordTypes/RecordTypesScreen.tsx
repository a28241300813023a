import { isRecordTypeId, listRecordTypes, ModelError, setRecordType } from '@concord/shared';
import { useState, type FormEvent } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { nameFromLabel } from './fieldName.ts';
import { RecordTypeEditor } from './RecordTypeEditor.tsx';

/** The record types of the org (docs/PROTOCOL.md, "Record types"): admins add and extend them. */
export function RecordTypesScreen({ workspace }: { workspace: DocumentState }) {
  const { session } = useCollab();
  const readOnly = session.user.role !== 'admin';
  const types = useObserved(workspace.doc, listRecordTypes);
  const [selected, setSelected] = useState('deal');
  const [newLabel, setNewLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const type = types.find((t) => t.id === selected) ?? types[0];

  function addType(event: FormEvent) {
    event.preventDefault();
    const id = nameFromLabel(newLabel, new Set(types.map((t) => t.id)), 'type').toLowerCase();
    try {
      if (!isRecordTypeId(id)) throw new ModelError('invalid-input', 'choose a name with letters or digits');
      setRecordType(workspace.doc, { id, label: newLabel.trim(), fields: [{ name: 'name', label: 'Name', type: 'string', required: true }] });
      setSelected(id);
      setNewLabel('');
      setError(null);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  }

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">Record types</h1>
          <p className="muted">{readOnly ? 'Only admins change record types.' : 'Fields are never deleted: hide one and its values stay on every record.'}</p>
        </div>
      </header>
      <div className="row" role="tablist" aria-label="Record types">
        {types.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === type?.id} className={`button${t.id === type?.id ? ' primary' : ''}`} onClick={() => setSelected(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {type && <RecordTypeEditor key={type.id} workspace={workspace} type={type} types={types} readOnly={readOnly} />}
      {!readOnly && (
        <form className="card row" onSubmit={addType} aria-label="New record type">
          <label>
            New type
            <input value={newLabel} required maxLength={100} placeholder="Company" onChange={(e) => setNewLabel(e.target.value)} />
          </label>
          <button type="submit" className="button">
            Add type
          </button>
          {error && (
            <p className="callout callout-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
