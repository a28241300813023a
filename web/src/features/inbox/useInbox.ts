import { inboxDocName } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';

/** The signed-in user's own inbox document. */
export function useInbox(): DocumentState {
  const { session } = useCollab();
  return useDocument(inboxDocName(session.user.org, session.user.id));
}
