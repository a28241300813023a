import { formatDocName, listNotesEntries, notesContent, setNotesTitle, upsertNotesEntry } from '@concord/shared';
import { useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { parsePeers } from '../presence/peers.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { EditableTitle } from '../workspace/EditableTitle.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

export function NotesScreen({ notesId, workspace }: { notesId: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const name = formatDocName({ org: session.user.org, kind: 'notes', id: notesId });
  const notes = useDocument(name);
  const [showVersions, setShowVersions] = useState(false);
  // Versions name who saved them; everyone online has a known name.
  const names = new Map(parsePeers(usePresence(workspace)).map((state): [string, string] => [state.user.id, state.user.name]));
  names.set(session.user.id, session.user.name);
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
        <div className="row">
          <PresenceAvatars document={notes} label="People on this page" />
          <button type="button" className="button small" aria-expanded={showVersions} aria-controls="versions-panel" onClick={() => setShowVersions((shown) => !shown)}>
            Versions
          </button>
        </div>
      </header>
      <DocumentStatus document={notes} />
      {!notes.denied && (
        <div className={`notes-layout${showVersions ? ' with-versions' : ''}`}>
          <div className="card editor-card">
            <RichTextEditor fragment={notesContent(notes.doc)} provider={notes.provider} label="Page content" placeholder="Write something…" />
          </div>
          {showVersions && <VersionsPanel name={name} names={names} content={notesContent(notes.doc)} />}
        </div>
      )}
    </section>
  );
}
