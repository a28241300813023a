import { getPerson, openDirectMessage } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { navigate } from '../../app/route.ts';

/**
 * Opens the conversation with these people (and me), making its directory entry on first use. Its
 * name lists everyone, for places that show a channel by name (mentions in the inbox, search).
 */
export function useOpenDirectMessage(workspace: DocumentState): (userIds: readonly string[]) => void {
  const { session } = useCollab();
  return (userIds) => {
    const me = session.user;
    const names = [me.name, ...userIds.filter((id) => id !== me.id).map((id) => getPerson(workspace.doc, id)?.name ?? id)];
    const entry = openDirectMessage(workspace.doc, { userIds, createdBy: me.id, name: names.join(', ').slice(0, 100) });
    navigate({ screen: 'channel', id: entry.id });
  };
}
