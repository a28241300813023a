import { canWrite, focusState, readField, usersFocusing, writeField, type FieldDefinition, type FieldValue } from '@concord/shared';
import { useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { parsePeers } from '../presence/peers.ts';
import { formatTime } from '../workspace/formatTime.ts';
import { ConflictReview } from './ConflictReview.tsx';
import { FileControl } from './FileControl.tsx';
import { LinkControl } from './LinkControl.tsx';
import { fromInput, toInput } from './fieldValues.ts';
import { SharedTextArea } from './SharedTextArea.tsx';

export function FormField({ form, definition, workspace }: { form: DocumentState; definition: FieldDefinition; workspace: DocumentState }) {
  const { session } = useCollab();
  const state = useObserved(form.doc, (doc) => readField(doc, definition.name));
  const others = parsePeers(usePresence(form)).filter((state) => state.user.id !== session.user.id);
  const focusedBy = usersFocusing(others, definition.name);
  const [draft, setDraft] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const readOnly = !canWrite(session.user.role);
  const id = `field-${definition.name}`;
  const shown = state.candidates[0];

  const setFocus = (focused: boolean) => {
    const awareness = form.provider.awareness;
    awareness?.setLocalState({ ...awareness.getLocalState(), ...focusState(focused ? definition.name : undefined, Date.now()) });
  };
  const write = (value: FieldValue) => {
    if (value !== state.value || state.conflict) writeField(form.doc, definition.name, value, session.user);
  };
  const commitDraft = () => {
    if (draft !== null && draft !== toInput(state.value)) write(fromInput(definition, draft));
    setDraft(null);
  };
  const common = {
    id,
    disabled: readOnly,
    onFocus: () => setFocus(true),
    'aria-describedby': `${id}-info`,
  };

  let control;
  if (definition.type === 'text') {
    control = <SharedTextArea record={form} name={definition.name} {...common} onBlur={() => setFocus(false)} />;
  } else if (definition.type === 'link') {
    control = <LinkControl definition={definition} value={state.value} workspace={workspace} onChange={write} control={{ ...common, onBlur: () => setFocus(false) }} />;
  } else if (definition.type === 'file') {
    control = <FileControl value={state.value} readOnly={readOnly} label={definition.label} onChange={write} control={{ id, onFocus: common.onFocus, onBlur: () => setFocus(false), 'aria-describedby': common['aria-describedby'] }} />;
  } else if (definition.type === 'boolean') {
    control = <input type="checkbox" {...common} checked={state.value === true} onBlur={() => setFocus(false)} onChange={(e) => write(e.target.checked)} />;
  } else if (definition.type === 'enum') {
    control = (
      <select {...common} value={toInput(state.value)} onBlur={() => setFocus(false)} onChange={(e) => write(fromInput(definition, e.target.value))}>
        <option value="">—</option>
        {(definition.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={definition.type === 'number' ? 'number' : definition.type === 'date' ? 'date' : 'text'}
        required={definition.required}
        value={draft ?? toInput(state.value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          commitDraft();
          setFocus(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitDraft();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    );
  }

  return (
    <div className={`field field-${definition.type}`} data-testid={id} data-conflict={state.conflict}>
      <div className="field-label-row">
        <label htmlFor={id}>
          {definition.label}
          {definition.required && <span aria-hidden="true"> *</span>}
        </label>
        {focusedBy.map((person) => (
          <span key={person.id} className="focus-chip" style={{ borderColor: person.color }} data-testid="focused-by">
            <Avatar user={person} size="small" /> {person.name} is editing
          </span>
        ))}
        {state.conflict && (
          <button type="button" className="conflict-badge" data-testid="conflict-badge" onClick={() => setReviewing(true)}>
            Conflict · {state.candidates.length} values — review
          </button>
        )}
      </div>
      {control}
      <p className="field-info muted small" id={`${id}-info`}>
        {shown ? `Set by ${shown.byName} at ${formatTime(shown.at)}` : definition.type === 'text' ? 'Edited together, letter by letter' : 'Not set yet'}
      </p>
      {reviewing && <ConflictReview form={form} definition={definition} onClose={() => setReviewing(false)} />}
    </div>
  );
}
