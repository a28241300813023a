import { canWrite, readField, resolveField, type Candidate, type FieldDefinition, type FieldValue, type Resolution } from '@concord/shared';
import { userColor } from '@concord/shared';
import { useState } from 'react';
import { Dialog } from '../../app/Dialog.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { formatDateTime } from '../workspace/formatTime.ts';
import { displayValue, fromInput, toInput } from './fieldValues.ts';

/**
 * Every candidate value side by side with who and when; choose one or merge (docs/PROTOCOL.md,
 * "Business fields").
 */
export function ConflictReview({ form, definition, onClose }: { form: DocumentState; definition: FieldDefinition; onClose: () => void }) {
  const { session } = useCollab();
  const state = useObserved(form.doc, (doc) => readField(doc, definition.name));
  const [merged, setMerged] = useState(() => suggestMerge(definition, state.candidates));
  const readOnly = !canWrite(session.user.role);

  function resolve(choice: Resolution, value: FieldValue) {
    resolveField(form.doc, definition.name, { choice, value }, session.user);
    onClose();
  }

  return (
    <Dialog title={`Review “${definition.label}”`} open onClose={onClose} wide>
      {!state.conflict ? (
        <p>This field has no conflict any more{state.candidates[0] ? `: ${state.candidates[0].byName} settled it.` : '.'}</p>
      ) : (
        <>
          <p className="muted">
            {state.candidates.length} people changed this field at the same time. Nothing was lost: pick the value to keep, or merge them.
          </p>
          <div className="candidates" data-testid="candidates">
            {state.candidates.map((candidate) => (
              <article key={candidate.writeId} className="candidate card" data-testid="candidate">
                <header className="row">
                  <Avatar user={{ id: candidate.by, name: candidate.byName, color: userColor(candidate.by) }} size="small" />
                  <div>
                    <strong>{candidate.byName}</strong>
                    {candidate.by === session.user.id && <span className="tag">you</span>}
                    <div className="muted small">{formatDateTime(candidate.at)}</div>
                  </div>
                </header>
                <p className="candidate-value">{displayValue(candidate.value)}</p>
                {!readOnly && (
                  <button type="button" className="button primary" onClick={() => resolve(candidate.by === session.user.id ? 'local' : 'remote', candidate.value)}>
                    Keep {candidate.by === session.user.id ? 'mine' : `${candidate.byName}’s`}
                  </button>
                )}
              </article>
            ))}
          </div>
          {!readOnly && definition.type !== 'boolean' && definition.type !== 'link' && definition.type !== 'file' && (
            <form
              className="merge row"
              onSubmit={(event) => {
                event.preventDefault();
                resolve('merged', fromInput(definition, merged));
              }}
            >
              <label className="grow">
                Merged value
                <input type={definition.type === 'number' ? 'number' : definition.type === 'date' ? 'date' : 'text'} value={merged} onChange={(e) => setMerged(e.target.value)} />
              </label>
              <button type="submit" className="button">
                Use merged value
              </button>
            </form>
          )}
        </>
      )}
    </Dialog>
  );
}

function suggestMerge(definition: FieldDefinition, candidates: Candidate[]): string {
  if (definition.type === 'string') return [...new Set(candidates.map((c) => toInput(c.value)).filter(Boolean))].join(' / ');
  return toInput(candidates[0]?.value ?? null);
}
