import { newId, upsertNotesEntry } from '@concord/shared';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../app/Dialog.tsx';
import { navigate } from '../../app/route.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';

export function NewNotesButton({ workspace }: { workspace: DocumentState }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');

  function create(event: FormEvent) {
    event.preventDefault();
    const id = newId();
    upsertNotesEntry(workspace.doc, { id, title: title.trim() });
    setOpen(false);
    setTitle('');
    navigate({ screen: 'notes', id });
  }

  return (
    <>
      <button type="button" className="icon-button" aria-label="New page" title="New page" onClick={() => setOpen(true)}>
        +
      </button>
      <Dialog title="New page" open={open} onClose={() => setOpen(false)}>
        <form className="stack" onSubmit={create}>
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} autoFocus />
          </label>
          <div className="row end">
            <button type="submit" className="button primary">
              Create page
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
