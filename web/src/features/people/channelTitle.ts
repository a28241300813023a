import { getChannelEntry, listPeople } from '@concord/shared';
import type * as Y from 'yjs';
import { dmTitle } from './dmTitle.ts';

/** "# sales" for a channel; a conversation by the people in it. */
export function channelTitle(workspace: Y.Doc, channelId: string, myId: string): string {
  const entry = getChannelEntry(workspace, channelId);
  if (!entry) return `# ${channelId}`;
  if (entry.visibility !== 'dm') return `# ${entry.name}`;
  return dmTitle(entry, new Map(listPeople(workspace).map((p) => [p.id, p])), myId);
}
