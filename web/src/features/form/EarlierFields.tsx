import { readField, type FieldDefinition } from '@concord/shared';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { displayValue } from './fieldValues.ts';

/** Fields the record type no longer shows, with the values they kept (read only). */
export function EarlierFields({ form, hidden }: { form: DocumentState; hidden: readonly FieldDefinition[] }) {
  const values = useObserved(form.doc, (doc) => hidden.map((definition) => ({ definition, value: readField(doc, definition.name).value })).filter((f) => f.value !== null && f.value !== ''));
  if (values.length === 0) return null;
  return (
    <details className="card earlier-fields" data-testid="earlier-fields">
      <summary>Earlier fields ({values.length})</summary>
      <dl>
        {values.map(({ definition, value }) => (
          <div key={definition.name}>
            <dt>{definition.label}</dt>
            <dd>{displayValue(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
