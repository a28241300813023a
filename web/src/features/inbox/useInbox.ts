import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { docName } from '../workspace/workspaceName.ts';

/** The signed-in user's own inbox document. */
export function useInbox(): DocumentState {
  const { session } = useCollab();
  return useDocument(docName(session.user.org, 'inbox', session.user.id));
}
