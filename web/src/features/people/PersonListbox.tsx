import { userColor } from '@concord/shared';
import { Avatar } from '../presence/Avatar.tsx';
import type { Choosable } from './matchPeople.ts';
import type { PersonListbox as Listbox } from './usePersonListbox.ts';

/** The list of candidates under a picker's input; pointer choices keep the focus in the input. */
export function PersonListbox<P extends Choosable>({ listbox, label }: { listbox: Listbox<P>; label: string }) {
  if (!listbox.comboboxProps['aria-expanded']) return null;
  return (
    <ul className="person-listbox" role="listbox" id={listbox.id} aria-label={label}>
      {listbox.options.map((person, index) => (
        <li
          key={person.id}
          id={listbox.optionId(person)}
          role="option"
          aria-selected={index === Math.min(listbox.active, listbox.options.length - 1)}
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => listbox.setActive(index)}
          onClick={() => listbox.choose(person)}
        >
          <Avatar user={{ id: person.id, name: person.name, color: userColor(person.id), ...(person.avatar ? { avatar: person.avatar } : {}) }} size="small" />
          <span className="person-name">{person.name}</span>
          <span className="muted small">@{person.id}</span>
        </li>
      ))}
    </ul>
  );
}
