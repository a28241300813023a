import { fieldText } from '@concord/shared';
import { useEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type { DocumentState } from '../../collab/documentRegistry.ts';

/**
 * A textarea bound to a Y.Text: local edits become the smallest insert/delete, remote edits keep
 * the caret where it was relative to the text around it.
 */
export function SharedTextArea({ record, name, ...rest }: { record: DocumentState; name: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const text = fieldText(record.doc, name);
  const [value, setValue] = useState(() => text?.toString() ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!text) return;
    const sync = () => {
      const element = ref.current;
      const next = text.toString();
      if (!element || document.activeElement !== element) return setValue(next);
      const { selectionStart, selectionEnd } = element;
      const before = element.value;
      setValue(next);
      // Keep the caret after the same text: shift it by what changed in front of it.
      const shift = next.length - before.length;
      const prefix = commonPrefix(before, next);
      requestAnimationFrame(() => {
        const move = (position: number) => (position > prefix ? Math.max(prefix, position + shift) : position);
        element.setSelectionRange(move(selectionStart), move(selectionEnd));
      });
    };
    sync();
    text.observe(sync);
    return () => text.unobserve(sync);
  }, [text]);

  if (!text) return <textarea ref={ref} {...rest} disabled value="" />;
  return (
    <textarea
      ref={ref}
      rows={4}
      {...rest}
      value={value}
      onChange={(event) => {
        const next = event.target.value;
        const before = text.toString();
        const prefix = commonPrefix(before, next);
        const suffix = commonSuffix(before.slice(prefix), next.slice(prefix));
        record.doc.transact(() => {
          text.delete(prefix, before.length - prefix - suffix);
          text.insert(prefix, next.slice(prefix, next.length - suffix));
        });
        setValue(next);
      }}
    />
  );
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}
