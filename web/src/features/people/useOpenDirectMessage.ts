import { getPerson, isModelError, openDirectMessage, type ChannelEntry, type ModelErrorCode } from '@concord/shared';
import { pushNotice } from '../../app/notices.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { navigate } from '../../app/route.ts';

/** What the person is told when the conversation cannot be opened (shared/src/dm.ts says why). */
const UNOPENABLE: Partial<Record<ModelErrorCode, string>> = {
  'dm-unavailable': 'This conversation cannot be opened: other channels hold both of its ids. Only an admin can make one of them this conversation.',
  'dm-left': 'You left this conversation. Only an admin can add you back.',
};

/**
 * Opens the conversation with these people (and me), making its directory entry on first use. Its
 * name lists everyone, for places that show a channel by name (mentions in the inbox, search). Who
 * left it is named, since they no longer see it.
 */
export function useOpenDirectMessage(workspace: DocumentState): (userIds: readonly string[]) => void {
  const { session } = useCollab();
  return (userIds) => {
    const me = session.user;
    const nameOf = (id: string) => getPerson(workspace.doc, id)?.name ?? id;
    const others = userIds.filter((id) => id !== me.id);
    let entry: ChannelEntry;
    try {
      entry = openDirectMessage(workspace.doc, { userIds, createdBy: me.id, name: [me.name, ...others.map(nameOf)].join(', ').slice(0, 100) });
    } catch (error) {
      const text = isModelError(error) ? UNOPENABLE[error.code] : undefined;
      if (text === undefined) throw error;
      return void pushNotice(text, 'warning');
    }
    const left = others.filter((id) => !entry.members.includes(id));
    if (left.length > 0) pushNotice(`${left.map(nameOf).join(', ')} left this conversation and will not see new messages. Only an admin can add them back.`, 'info');
    navigate({ screen: 'channel', id: entry.id });
  };
}
