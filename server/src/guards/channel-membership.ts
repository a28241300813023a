/**
 * Private channels and direct messages open to their listed members only (docs/PROTOCOL.md,
 * "Authentication and access"). Membership lives in the org's workspace directory; a channel
 * without a directory entry is public.
 */
import { getChannelEntry, workspaceDocName } from '@concord/shared';
import type { AdmissionCheck } from '../extensions/authentication.ts';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import { ConcordError } from '../errors.ts';

export function channelMembership(source: () => DocumentSource): AdmissionCheck {
  return {
    appliesToHttp: true,
    async admit(identity, access) {
      if (access.doc.kind !== 'channel') return;
      const entry = await withDocument(source(), workspaceDocName(access.doc.org), (doc) => getChannelEntry(doc, access.doc.id));
      if (!entry || entry.visibility === 'public') return;
      if (!entry.members.includes(identity.userId)) {
        throw new ConcordError('forbidden', `${entry.visibility === 'dm' ? 'this conversation' : 'this private channel'} is open to its members only`);
      }
    },
  };
}
