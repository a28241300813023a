import { listNotesEntries, notesContent, setNotesTitle, upsertNotesEntry } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { EditableTitle } from '../workspace/EditableTitle.tsx';
import { docName } from '../workspace/workspaceName.ts';
import { RichTextEditor } from './RichTextEditor.tsx';

export function NotesScreen({ notesId, workspace }: { notesId: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const notes = useDocument(docName(session.user.org, 'notes', notesId));
  const title = useObserved(workspace.doc, (doc) => listNotesEntries(doc).find((entry) => entry.id === notesId)?.title ?? '');

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <EditableTitle
          value={title}
          placeholder="Untitled page"
          label="Page title"
          onChange={(next) => {
            upsertNotesEntry(workspace.doc, { id: notesId, title: next });
            setNotesTitle(notes.doc, next);
          }}
        />
        <PresenceAvatars document={notes} label="People on this page" />
      </header>
      <DocumentStatus document={notes} />
      {!notes.denied && (
        <div className="card editor-card">
          <RichTextEditor fragment={notesContent(notes.doc)} provider={notes.provider} label="Page content" placeholder="Write something…" />
        </div>
      )}
    </section>
  );
}
