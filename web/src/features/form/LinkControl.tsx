import { listFormEntries, parseRecordRef, type FieldDefinition, type FieldValue } from '@concord/shared';
import { Link } from '../../app/Link.tsx';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

/**
 * A `link` field: picked from the records of its target type by title, shown as a link to the
 * record. The value is the record's form id `<type>.<id>`.
 */
export function LinkControl({ definition, value, workspace, onChange, control }: {
  definition: FieldDefinition;
  value: FieldValue;
  workspace: DocumentState;
  onChange: (value: FieldValue) => void;
  control: { id: string; disabled: boolean; onFocus: () => void; onBlur: () => void; 'aria-describedby': string };
}) {
  const records = useObserved(workspace.doc, (doc) => listFormEntries(doc).filter((entry) => entry.entityType === definition.target));
  const linked = typeof value === 'string' ? value : '';
  const title = records.find((entry) => entry.id === linked)?.title || linked;
  return (
    <div className="link-control">
      {!control.disabled && (
        <select {...control} value={linked} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
          <option value="">—</option>
          {/* a link to a record not (or no longer) in the directory stays selectable as its id */}
          {linked !== '' && !records.some((entry) => entry.id === linked) && <option value={linked}>{linked}</option>}
          {records.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title || entry.id}
            </option>
          ))}
        </select>
      )}
      {parseRecordRef(linked) && (
        <Link to={{ screen: 'form', id: linked }} className="record-link">
          {title}
        </Link>
      )}
    </div>
  );
}
