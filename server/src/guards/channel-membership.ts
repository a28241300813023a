/**
 * Private channels and direct messages open to their listed members only (docs/PROTOCOL.md,
 * "Authentication and access"). Membership lives in the org's workspace directory; a channel
 * without a directory entry is public. Checked when a connection opens (here) and again whenever
 * the directory changes (extensions/channel-revocation.ts).
 */
import { getChannelEntry, workspaceDocName, type ChannelEntry } from '@concord/shared';
import type { AdmissionCheck } from '../extensions/authentication.ts';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import { ConcordError } from '../errors.ts';

/** Who may open a channel, as the directory says; `null` when it has no entry (then it is public). */
export type ChannelAccess = Pick<ChannelEntry, 'visibility' | 'members'> | null;

/** A change of the directory's channel entries: the new access of each channel that changed. */
export interface ChannelAccessChange {
  org: string;
  channels: Record<string, ChannelAccess>;
}

export const workspaceOf = workspaceDocName;

export function channelAccessOf(entry: ChannelEntry | undefined): ChannelAccess {
  return entry ? { visibility: entry.visibility, members: entry.members } : null;
}

/** The refusal for `userId` opening a channel with this access, or null if it may. */
export function channelRefusal(access: ChannelAccess, userId: string): ConcordError | null {
  if (!access || access.visibility === 'public' || access.members.includes(userId)) return null;
  return new ConcordError('forbidden', `${access.visibility === 'dm' ? 'this conversation' : 'this private channel'} is open to its members only`);
}

export function readChannelAccess(source: DocumentSource, org: string, channelId: string): Promise<ChannelAccess> {
  return withDocument(source, workspaceOf(org), (doc) => channelAccessOf(getChannelEntry(doc, channelId)));
}

export function channelMembership(source: () => DocumentSource): AdmissionCheck {
  return {
    appliesToHttp: true,
    async admit(identity, access) {
      if (access.doc.kind !== 'channel') return;
      const refusal = channelRefusal(await readChannelAccess(source(), access.doc.org, access.doc.id), identity.userId);
      if (refusal) throw refusal;
    },
  };
}
