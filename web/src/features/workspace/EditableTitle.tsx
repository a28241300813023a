import { canWrite } from '@concord/shared';
import { useEffect, useRef, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';

/** A heading that is also a text field; saves on Enter or blur, Escape cancels. */
export function EditableTitle({ value, placeholder, label, onChange }: { value: string; placeholder: string; label: string; onChange: (next: string) => void }) {
  const { session } = useCollab();
  const [draft, setDraft] = useState<string | null>(null);
  // Escape blurs the field too; the blur must then not save the abandoned draft.
  const cancelled = useRef(false);
  useEffect(() => setDraft(null), [value]);
  if (!canWrite(session.user.role)) return <h1 id="screen-title">{value || placeholder}</h1>;
  const save = () => {
    if (!cancelled.current && draft !== null && draft.trim() && draft.trim() !== value) onChange(draft.trim());
    cancelled.current = false;
    setDraft(null);
  };
  return (
    <h1 id="screen-title" className="editable-title">
      <input
        aria-label={label}
        value={draft ?? value}
        placeholder={placeholder}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            cancelled.current = true;
            e.currentTarget.blur();
          }
        }}
      />
    </h1>
  );
}
