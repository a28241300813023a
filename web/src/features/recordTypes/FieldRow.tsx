import { FIELD_TYPES, type FieldDefinition, type FieldType, type RecordType } from '@concord/shared';

/**
 * One field of a type being edited. A saved field keeps its name, type and link target (values
 * already written must stay of their type); it can be relabelled, reordered, made required or hidden.
 */
export function FieldRow({ field, saved, types, index, count, readOnly, onChange, onMove }: {
  field: FieldDefinition;
  saved: boolean;
  types: readonly RecordType[];
  index: number;
  count: number;
  readOnly: boolean;
  onChange: (field: FieldDefinition) => void;
  onMove: (by: -1 | 1) => void;
}) {
  const prefix = `field-${index}`;
  const setType = (type: FieldType) => {
    const next: FieldDefinition = { name: field.name, label: field.label, type };
    if (type === 'enum') next.options = field.options ?? [];
    if (type === 'link') next.target = types[0]?.id ?? '';
    if (field.required) next.required = true;
    onChange(next);
  };
  return (
    <tr data-testid="type-field" data-hidden={field.hidden === true}>
      <td>
        <input aria-label={`Label of field ${index + 1}`} value={field.label} disabled={readOnly} maxLength={100} onChange={(e) => onChange({ ...field, label: e.target.value })} />
        <div className="muted small">{field.name}</div>
      </td>
      <td>
        <select aria-label={`Type of field ${index + 1}`} value={field.type} disabled={readOnly || saved} title={saved ? 'A saved field keeps its type: hide it and add a new field instead' : undefined} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </td>
      <td>
        {field.type === 'enum' && (
          <input
            aria-label={`Options of field ${index + 1}`}
            placeholder="a, b, c"
            disabled={readOnly}
            value={(field.options ?? []).join(', ')}
            onChange={(e) => onChange({ ...field, options: e.target.value.split(',').map((o) => o.trim()).filter((o, i, all) => o !== '' || i === all.length - 1) })}
          />
        )}
        {field.type === 'link' && (
          <select aria-label={`Links to, field ${index + 1}`} value={field.target ?? ''} disabled={readOnly || saved} onChange={(e) => onChange({ ...field, target: e.target.value })}>
            {types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.label}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <label className="row" htmlFor={`${prefix}-required`}>
          <input id={`${prefix}-required`} type="checkbox" checked={field.required === true} disabled={readOnly} onChange={(e) => onChange({ ...field, required: e.target.checked })} />
          Required
        </label>
        <label className="row" htmlFor={`${prefix}-hidden`}>
          <input id={`${prefix}-hidden`} type="checkbox" checked={field.hidden === true} disabled={readOnly} onChange={(e) => onChange({ ...field, hidden: e.target.checked })} />
          Hidden
        </label>
      </td>
      <td className="row">
        <button type="button" className="icon-button" aria-label={`Move field ${index + 1} up`} disabled={readOnly || index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="icon-button" aria-label={`Move field ${index + 1} down`} disabled={readOnly || index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
      </td>
    </tr>
  );
}
