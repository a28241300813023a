import { canWrite, formatDocName, workspaceDocName } from '@concord/shared';
import { useEffect, useRef } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { seedSampleForm } from '../form/seedSampleForm.ts';
import { seedWelcomeNotes } from '../notes/seedWelcomeNotes.ts';
import { SAMPLE_FORM_ID, SAMPLE_FORM_TITLE, seedWorkspace, WELCOME_NOTES_ID, WELCOME_NOTES_TITLE } from './seedWorkspace.ts';

/** The org's directory document, seeded once it has synced with the server and turned out empty. */
export function useWorkspace(): DocumentState {
  const { session, registry } = useCollab();
  const workspace = useDocument(workspaceDocName(session.user.org));
  const seededDoc = useRef<unknown>(null);
  useEffect(() => {
    if (!workspace.synced || !workspace.loaded || !canWrite(session.user.role) || seededDoc.current === workspace.doc) return;
    seededDoc.current = workspace.doc;
    const seeded = seedWorkspace(workspace.doc, session.user.id);
    if (seeded.form) seedSampleForm(registry, formatDocName({ org: session.user.org, kind: 'form', id: SAMPLE_FORM_ID }), SAMPLE_FORM_TITLE, session.user);
    if (seeded.notes) seedWelcomeNotes(registry, formatDocName({ org: session.user.org, kind: 'notes', id: WELCOME_NOTES_ID }), WELCOME_NOTES_TITLE);
  }, [workspace, session.user, registry]);
  return workspace;
}
