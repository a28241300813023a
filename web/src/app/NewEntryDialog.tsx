import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog.tsx';

export interface NewEntryDialogProps {
  /** The "+" button's accessible name. */
  label: string;
  title: string;
  submitLabel: string;
  /** Creates the entry; the dialog closes afterwards. */
  onCreate: () => void;
  children: ReactNode;
  /** Shown as a labelled button instead of the sidebar's "+". */
  buttonText?: string;
}

/** The sidebar's "+": a button opening a small form in a dialog. */
export function NewEntryDialog({ label, title, submitLabel, onCreate, children, buttonText }: NewEntryDialogProps) {
  const [open, setOpen] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    onCreate();
    setOpen(false);
  }

  return (
    <>
      {buttonText ? (
        <button type="button" className="button primary" onClick={() => setOpen(true)}>
          {buttonText}
        </button>
      ) : (
        <button type="button" className="icon-button" aria-label={label} title={label} onClick={() => setOpen(true)}>
          +
        </button>
      )}
      <Dialog title={title} open={open} onClose={() => setOpen(false)}>
        <form className="stack" onSubmit={submit}>
          {children}
          <div className="row end">
            <button type="submit" className="button primary">
              {submitLabel}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
