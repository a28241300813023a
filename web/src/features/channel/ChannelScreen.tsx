import { getChannelEntry, lastReadId, listMessages, markRead, type Message } from '@concord/shared';
import { useEffect, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { parsePeers } from '../presence/peers.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { docName } from '../workspace/workspaceName.ts';
import { Composer } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

export function ChannelScreen({ channelId, workspace }: { channelId: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const channel = useDocument(docName(session.user.org, 'channel', channelId));
  const entry = useObserved(workspace.doc, (doc) => getChannelEntry(doc, channelId));
  const messages = useObserved(channel.doc, listMessages);
  const peers = usePresence(channel);
  const everyone = usePresence(workspace);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const canWrite = session.user.role !== 'viewer';

  const last = messages[messages.length - 1];
  useEffect(() => {
    if (!last || !canWrite || lastReadId(channel.doc, session.user.id) === last.id) return;
    markRead(channel.doc, session.user.id, last.id);
  }, [last, channel.doc, session.user.id, canWrite]);

  const topLevel = messages.filter((message) => !message.replyTo || !messages.some((m) => m.id === message.replyTo));
  const repliesTo = (id: string) => messages.filter((message) => message.replyTo === id);
  const delivered = channel.synced && channel.unsynced === 0;
  // Receipts and @mentions name people; anyone who wrote here or is online has a known name.
  const names = new Map<string, string>(messages.map((m) => [m.authorId, m.authorName]));
  for (const state of [...parsePeers(peers), ...parsePeers(everyone)]) names.set(state.user.id, state.user.name);
  const receiptOn = messages.findLast((m) => m.authorId === session.user.id && m.deletedAt === undefined)?.id;
  const receipt = (id: string) => (id === receiptOn ? { delivered, names } : undefined);

  return (
    <section className="screen channel-screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title"># {entry?.name ?? channelId}</h1>
          {entry?.topic && <p className="muted">{entry.topic}</p>}
        </div>
        <PresenceAvatars document={channel} label="People in this channel" />
      </header>
      <DocumentStatus document={channel} />
      <ol className="messages" aria-label="Messages" data-testid="messages">
        {topLevel.length === 0 && <li className="empty">No messages yet. Say hello!</li>}
        {topLevel.map((message) => (
          <MessageItem key={message.id} channel={channel} message={message} receipt={receipt(message.id)} onReply={setReplyTo}>
            {repliesTo(message.id).length > 0 && (
              <ol className="replies" aria-label={`Replies to ${message.authorName}`}>
                {repliesTo(message.id).map((reply) => (
                  <MessageItem key={reply.id} channel={channel} message={reply} receipt={receipt(reply.id)} />
                ))}
              </ol>
            )}
          </MessageItem>
        ))}
      </ol>
      <TypingIndicator channel={channel} />
      {canWrite ? (
        <Composer channel={channel} channelName={entry?.name ?? channelId} people={names} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
      ) : (
        <p className="muted small">You can read this channel; viewers cannot post.</p>
      )}
    </section>
  );
}
