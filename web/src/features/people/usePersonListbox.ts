import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Choosable } from './matchPeople.ts';

export interface PersonListbox<P extends Choosable> {
  /** The listbox element's id, and the option ids derive from it. */
  id: string;
  options: readonly P[];
  active: number;
  setActive(index: number): void;
  choose(person: P): void;
  optionId(person: P): string;
  /** The ARIA combobox attributes for whatever input drives the list (an input or the composer). */
  comboboxProps: {
    role: 'combobox';
    'aria-expanded': boolean;
    'aria-controls': string;
    'aria-autocomplete': 'list';
    'aria-activedescendant'?: string;
  };
  /** Handles ↑/↓, Enter/Tab and Escape while the list is open; true when the key was the list's. */
  onKeyDown(event: KeyboardEvent): boolean;
}

/**
 * The keyboard and ARIA side of choosing a person from a list (the combobox pattern of the WAI-ARIA
 * Authoring Practices, with focus staying in the input): one behaviour for every picker.
 */
export function usePersonListbox<P extends Choosable>({ options, open, onChoose, onClose }: { options: readonly P[]; open: boolean; onChoose: (person: P) => void; onClose: () => void }): PersonListbox<P> {
  const id = useId();
  const [active, setActive] = useState(0);
  const shown = open && options.length > 0;
  // A new list of candidates starts at its best match.
  const key = options.map((person) => person.id).join('\n');
  useEffect(() => setActive(0), [key]);
  const current = shown ? options[Math.min(active, options.length - 1)] : undefined;
  const optionId = (person: P) => `${id}-${person.id}`;

  function onKeyDown(event: KeyboardEvent): boolean {
    if (!open) return false;
    if (event.key === 'Escape') {
      onClose();
      return true;
    }
    if (!shown) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((Math.min(active, options.length - 1) + step + options.length) % options.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey)) {
      if (current) onChoose(current);
      return true;
    }
    return false;
  }

  return {
    id,
    options,
    active,
    setActive,
    choose: onChoose,
    optionId,
    comboboxProps: {
      role: 'combobox',
      'aria-expanded': shown,
      'aria-controls': id,
      'aria-autocomplete': 'list',
      ...(current ? { 'aria-activedescendant': optionId(current) } : {}),
    },
    onKeyDown,
  };
}
