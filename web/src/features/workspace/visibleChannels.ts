import { listChannels, type ChannelEntry } from '@concord/shared';
import type * as Y from 'yjs';

/** The channels a user sees in the sidebar: public ones and those they are a member of. */
export function visibleChannels(workspace: Y.Doc, userId: string): ChannelEntry[] {
  return listChannels(workspace).filter((channel) => channel.visibility === 'public' || channel.members.includes(userId));
}
