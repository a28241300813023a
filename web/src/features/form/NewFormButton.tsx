import { defineForm, formatDocName, getRecordType, listFormEntries, listRecordTypes, readFormSchema, upsertFormEntry } from '@concord/shared';
import { useState } from 'react';
import { NewEntryDialog } from '../../app/NewEntryDialog.tsx';
import { navigate } from '../../app/route.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { whenSynced } from '../../collab/whenSynced.ts';
import { useObserved } from '../../collab/useObserved.ts';

/** The sidebar's "+", or with `entityType` a "New <type>" button of a records view that creates that type. */
export function NewFormButton({ workspace, entityType: presetType, buttonText }: { workspace: DocumentState; entityType?: string; buttonText?: string }) {
  const { session, registry } = useCollab();
  const [title, setTitle] = useState('');
  const [entityType, setEntityType] = useState(presetType ?? 'deal');
  const types = useObserved(workspace.doc, listRecordTypes);

  function create() {
    const taken = new Set(listFormEntries(workspace.doc).filter((f) => f.entityType === entityType).map((f) => Number(f.entityId)));
    let n = 1;
    while (taken.has(n)) n++;
    const entityId = String(n);
    const id = `${entityType}.${entityId}`;
    const name = formatDocName({ org: session.user.org, kind: 'form', id });
    // every field of the type, hidden ones too, so the new record follows its type from the start
    const schema = getRecordType(workspace.doc, entityType)?.fields ?? [];
    const formTitle = title.trim();
    whenSynced(registry, name, (doc) => {
      if (readFormSchema(doc).length === 0) defineForm(doc, { title: formTitle, entityType, entityId, schema });
    });
    upsertFormEntry(workspace.doc, { id, title: title.trim(), entityType, entityId });
    setTitle('');
    navigate({ screen: 'form', id });
  }

  return (
    <NewEntryDialog label="New record" title="New record" submitLabel="Create record" onCreate={create} buttonText={buttonText}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} autoFocus />
      </label>
      <label>
        Type
        <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          {types.map((type) => (
            <option key={type.id} value={type.id}>
              {type.label}
            </option>
          ))}
        </select>
      </label>
    </NewEntryDialog>
  );
}
