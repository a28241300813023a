/**
 * Losing access ends access (README, Refusals): when the directory's entry of a channel changes (a
 * member removed, a channel made private), each open connection to that channel whose user may no
 * longer open it is closed with `forbidden`. On this instance that happens in the transaction that
 * changed the directory, before anything else is relayed; other instances are told through the
 * fan-out and close theirs as the announcement arrives (scale/redis-access-changes.ts).
 */
import { getChannelEntry, parseDocName, workspaceChannels } from '@concord/shared';
import type { Extension, Hocuspocus, afterLoadDocumentPayload } from '@hocuspocus/server';
import type { ConnectionContext } from '../context.ts';
import type { DocumentSource } from '../documents/read.ts';
import { channelAccessOf, channelRefusal, readChannelAccess, type ChannelAccess, type ChannelAccessChange } from '../guards/channel-membership.ts';
import type { Logger } from '../logger.ts';
import type { Refuse } from '../pipeline/refuse.ts';
import type { FanOut } from '../scale/fan-out.ts';

export interface ChannelRevocationOptions {
  source: () => DocumentSource;
  fanOut: Pick<FanOut, 'publishAccessChange' | 'onAccessChange'>;
  logger: Logger;
  refuse: Refuse;
}

export function channelRevocation({ source, fanOut, logger, refuse }: ChannelRevocationOptions): Extension {
  const instance = (): Hocuspocus => source().instance;

  function enforce(org: string, channelId: string, access: ChannelAccess): void {
    const documentName = `${org}:channel:${channelId}`;
    const document = instance().documents.get(documentName);
    if (!document) return;
    for (const connection of document.getConnections()) {
      const { identity } = connection.context as ConnectionContext;
      const refusal = channelRefusal(access, identity.userId);
      if (!refusal) continue;
      refuse(refusal, { documentName, userId: identity.userId, cause: 'access revoked' }, connection);
    }
  }

  function apply(change: ChannelAccessChange): void {
    for (const [channelId, access] of Object.entries(change.channels)) enforce(change.org, channelId, access);
  }

  /** Announcements may have been missed: checks every open channel against the directory as it is now. */
  async function recheckOpenChannels(): Promise<void> {
    const channels = [...instance().documents.keys()].flatMap((name) => {
      const parsed = parseDocName(name);
      return parsed.ok && parsed.name.kind === 'channel' ? [parsed.name] : [];
    });
    await Promise.allSettled(
      channels.map(async ({ org, id }) => enforce(org, id, await readChannelAccess(source(), org, id))),
    );
  }

  fanOut.onAccessChange((change) => {
    if (change) apply(change);
    else void recheckOpenChannels().catch((error: unknown) => logger.warn({ err: error }, 'checking open channels again failed'));
  });

  return {
    extensionName: 'concord-channel-revocation',

    async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
      const parsed = parseDocName(documentName);
      if (!parsed.ok || parsed.name.kind !== 'workspace') return;
      const { org } = parsed.name;
      workspaceChannels(document).observeDeep((events, transaction) => {
        const changed = new Set<string>();
        for (const event of events) {
          // Events on the channels map name the channels added or removed; deeper ones (an entry,
          // its members) carry the channel's id first in their path.
          if (event.path.length > 0) changed.add(String(event.path[0]));
          else for (const key of event.changes.keys.keys()) changed.add(key);
        }
        const change: ChannelAccessChange = {
          org,
          channels: Object.fromEntries([...changed].map((id) => [id, channelAccessOf(getChannelEntry(document, id))])),
        };
        apply(change);
        // A change that came through Redis was announced by the instance it was made on.
        if ((transaction.origin as { source?: string } | null)?.source !== 'redis') fanOut.publishAccessChange(change);
      });
    },
  };
}
