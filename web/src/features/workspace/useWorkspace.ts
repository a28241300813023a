import { useEffect, useRef } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { seedSampleForm } from '../form/seedSampleForm.ts';
import { SAMPLE_FORM_ID, SAMPLE_FORM_TITLE, seedWorkspace } from './seedWorkspace.ts';
import { docName, workspaceDocName } from './workspaceName.ts';

/** The org's directory document, seeded once it has synced with the server and turned out empty. */
export function useWorkspace(): DocumentState {
  const { session, registry } = useCollab();
  const workspace = useDocument(workspaceDocName(session.user.org));
  const seeded = useRef<unknown>(null);
  useEffect(() => {
    if (!workspace.synced || !workspace.loaded || session.user.role === 'viewer' || seeded.current === workspace.doc) return;
    seeded.current = workspace.doc;
    if (seedWorkspace(workspace.doc, session.user.id)) {
      seedSampleForm(registry, docName(session.user.org, 'form', SAMPLE_FORM_ID), SAMPLE_FORM_TITLE, session.user);
    }
  }, [workspace, session.user, registry]);
  return workspace;
}
