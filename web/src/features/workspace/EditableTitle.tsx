import { useEffect, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';

/** A heading that turns into a text field; saves on Enter or blur, Escape cancels. */
export function EditableTitle({ value, placeholder, label, onChange }: { value: string; placeholder: string; label: string; onChange: (next: string) => void }) {
  const { session } = useCollab();
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [value]);
  if (session.user.role === 'viewer') return <h1 id="screen-title">{value || placeholder}</h1>;
  const save = () => {
    if (draft !== null && draft.trim() !== value) onChange(draft.trim());
    setDraft(null);
  };
  return (
    <h1 id="screen-title" className="editable-title">
      <input
        aria-label={label}
        value={draft ?? value}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(null);
            e.currentTarget.blur();
          }
        }}
      />
    </h1>
  );
}
