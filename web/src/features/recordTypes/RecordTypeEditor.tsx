import { ModelError, setRecordType, type FieldDefinition, type RecordType } from '@concord/shared';
import { useState, type FormEvent } from 'react';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { nameFromLabel } from './fieldName.ts';
import { FieldRow } from './FieldRow.tsx';

/** Edits one type as a draft; Save writes it whole (the server refuses what would lose a value). */
export function RecordTypeEditor({ workspace, type, types, readOnly }: { workspace: DocumentState; type: RecordType; types: readonly RecordType[]; readOnly: boolean }) {
  const [label, setLabel] = useState(type.label);
  const [fields, setFields] = useState<FieldDefinition[]>(type.fields);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const savedNames = new Set(type.fields.map((field) => field.name));

  const change = (index: number, field: FieldDefinition) => {
    setSaved(false);
    setFields((all) => all.map((f, i) => (i === index ? field : f)));
  };
  const move = (index: number, by: -1 | 1) => {
    setSaved(false);
    setFields((all) => {
      const next = [...all];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  };
  const addField = () => {
    setSaved(false);
    setFields((all) => [...all, { name: nameFromLabel(`Field ${all.length + 1}`, new Set(all.map((f) => f.name))), label: `Field ${all.length + 1}`, type: 'string' }]);
  };

  function save(event: FormEvent) {
    event.preventDefault();
    // a new field is named after its label as saved
    const taken = new Set(savedNames);
    const named = fields.map((field) => {
      if (savedNames.has(field.name)) return field;
      const name = nameFromLabel(field.label, taken);
      taken.add(name);
      return { ...field, name, ...(field.options ? { options: field.options.filter((o) => o !== '') } : {}) };
    });
    try {
      setRecordType(workspace.doc, { id: type.id, label: label.trim(), fields: named });
      setFields(named);
      setError(null);
      setSaved(true);
    } catch (cause) {
      setError(cause instanceof ModelError ? cause.message : String(cause));
    }
  }

  return (
    <form className="card stack" onSubmit={save} aria-label={`${type.label} fields`}>
      <label>
        Name of the type
        <input value={label} disabled={readOnly} maxLength={100} required onChange={(e) => setLabel(e.target.value)} />
      </label>
      <table className="type-fields">
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Options</th>
            <th>Rules</th>
            <th>Order</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field, index) => (
            <FieldRow
              key={`${index}-${field.name}`}
              field={field}
              saved={savedNames.has(field.name)}
              types={types}
              index={index}
              count={fields.length}
              readOnly={readOnly}
              onChange={(next) => change(index, next)}
              onMove={(by) => move(index, by)}
            />
          ))}
        </tbody>
      </table>
      {error && (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="row end">
          {saved && <span className="muted small" role="status">Saved</span>}
          <button type="button" className="button" onClick={addField}>
            Add field
          </button>
          <button type="submit" className="button primary">
            Save {label || type.id}
          </button>
        </div>
      )}
    </form>
  );
}
