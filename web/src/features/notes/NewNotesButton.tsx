import { newId, upsertNotesEntry } from '@concord/shared';
import { useState } from 'react';
import { NewEntryDialog } from '../../app/NewEntryDialog.tsx';
import { navigate } from '../../app/route.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';

export function NewNotesButton({ workspace }: { workspace: DocumentState }) {
  const [title, setTitle] = useState('');

  function create() {
    const id = newId();
    upsertNotesEntry(workspace.doc, { id, title: title.trim() });
    setTitle('');
    navigate({ screen: 'notes', id });
  }

  return (
    <NewEntryDialog label="New page" title="New page" submitLabel="Create page" onCreate={create}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} autoFocus />
      </label>
    </NewEntryDialog>
  );
}
