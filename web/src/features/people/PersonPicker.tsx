import { useState } from 'react';
import { matchPeople, type Choosable } from './matchPeople.ts';
import { PersonListbox } from './PersonListbox.tsx';
import { usePersonListbox } from './usePersonListbox.ts';

/**
 * Chooses one person of the workspace by name or id: type, then ↑/↓ and Enter (or click). Used
 * wherever a person is picked outside the composer: meeting invitations, channel members.
 */
export function PersonPicker({ people, exclude, label, placeholder, onChoose }: { people: readonly Choosable[]; exclude: ReadonlySet<string>; label: string; placeholder: string; onChoose: (person: Choosable) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const options = matchPeople(people, query, exclude);
  const listbox = usePersonListbox({
    options,
    open,
    onChoose(person) {
      onChoose(person);
      setQuery('');
      setOpen(false);
    },
    onClose: () => setOpen(false),
  });
  return (
    <div className="person-picker">
      <input
        {...listbox.comboboxProps}
        aria-label={label}
        placeholder={placeholder}
        value={query}
        autoComplete="off"
        maxLength={200}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => query && setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (!open && e.key === 'ArrowDown') {
            setOpen(true);
            return e.preventDefault();
          }
          if (listbox.onKeyDown(e)) e.preventDefault();
        }}
      />
      <PersonListbox listbox={listbox} label={label} />
      {open && query.trim() && options.length === 0 && (
        <p className="muted small" role="status">
          Nobody in the workspace matches “{query.trim()}”.
        </p>
      )}
    </div>
  );
}
