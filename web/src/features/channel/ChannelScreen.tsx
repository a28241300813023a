import { canWrite, formatDocName, getChannelEntry, lastReadId, listMessages, markRead, type Message } from '@concord/shared';
import { useEffect, useRef, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { parsePeers } from '../presence/peers.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { channelTitle } from '../people/channelTitle.ts';
import { PendingPosts } from '../files/PendingPosts.tsx';
import { useOutbox } from '../files/useOutbox.ts';
import { knownPeople } from '../people/knownPeople.ts';
import type { Choosable } from '../people/matchPeople.ts';
import { usePeople } from '../people/usePeople.ts';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { ChannelMembers } from './ChannelMembers.tsx';
import { Composer } from './Composer.tsx';
import { MessageItem, type ReceiptInfo } from './MessageItem.tsx';
import { OlderMessages } from './OlderMessages.tsx';
import { threads, type Thread } from './threads.ts';
import { TypingIndicator } from './TypingIndicator.tsx';
import { useArchive } from './useArchive.ts';
import { useStickToBottom } from './useStickToBottom.ts';

export function ChannelScreen({ channelId, workspace }: { channelId: string; workspace: DocumentState }) {
  const { session, token } = useCollab();
  const channelName = formatDocName({ org: session.user.org, kind: 'channel', id: channelId });
  const channel = useDocument(channelName);
  const entry = useObserved(workspace.doc, (doc) => getChannelEntry(doc, channelId));
  const title = useObserved(workspace.doc, (doc) => channelTitle(doc, channelId, session.user.id));
  // How the composer and the start of the history name it: "#sales", or a conversation's people.
  const place = entry?.visibility === 'dm' ? title : `#${entry?.name ?? channelId}`;
  const messages = useObserved(channel.doc, listMessages);
  const pending = useOutbox(channelName);
  const archive = useArchive(token, channelName, messages);
  const peers = usePresence(channel);
  const everyone = usePresence(workspace);
  const people = usePeople(workspace);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const writable = canWrite(session.user.role);
  const list = useRef<HTMLOListElement>(null);
  useStickToBottom(list, messages.length + pending.length);

  const last = messages[messages.length - 1];
  useEffect(() => {
    if (!last || !writable || lastReadId(channel.doc, session.user.id) === last.id) return;
    markRead(channel.doc, session.user.id, last.id);
  }, [last, channel.doc, session.user.id, writable]);

  const delivered = channel.synced && channel.unsynced === 0;
  // Receipts and @mentions name people: the workspace's directory, and whoever wrote here or is online.
  const names = new Map<string, string>([...archive.messages, ...messages].map((m) => [m.authorId, m.authorName]));
  for (const person of people) names.set(person.id, person.name);
  const known = knownPeople(people, [...names].map(([id, name]) => ({ id, name })));
  // Only members read a private channel or a DM, so only they can be mentioned there (the server
  // delivers nothing to anyone else): offering others would be a mention silently lost.
  const mentionable = entry && entry.visibility !== 'public' ? known.filter((person) => entry.members.includes(person.id)) : known;
  for (const state of [...parsePeers(peers), ...parsePeers(everyone)]) names.set(state.user.id, state.user.name);
  const receiptOn = messages.findLast((m) => m.authorId === session.user.id && m.deletedAt === undefined)?.id;
  const receipt = (id: string) => (id === receiptOn ? { delivered, names } : undefined);

  return (
    <section className="screen channel-screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">{title}</h1>
          {entry?.topic && <p className="muted">{entry.topic}</p>}
        </div>
        <PresenceAvatars document={channel} label="People in this channel" />
      </header>
      <DocumentStatus document={channel} />
      {entry?.visibility === 'private' && <ChannelMembers workspace={workspace} channel={entry} people={known} />}
      <ol className="messages" aria-label="Messages" data-testid="messages" ref={list}>
        <OlderMessages archive={archive} place={place} />
        {messages.length === 0 && pending.length === 0 && <li className="empty">No messages yet. Say hello!</li>}
        {threads(archive.messages).map((thread) => (
          <ThreadItem key={thread.message.id} channel={channel} thread={thread} names={names} people={mentionable} readOnly />
        ))}
        {threads(messages).map((thread) => (
          <ThreadItem key={thread.message.id} channel={channel} thread={thread} names={names} people={mentionable} receipt={receipt} onReply={setReplyTo} />
        ))}
        <PendingPosts items={pending} />
      </ol>
      <TypingIndicator channel={channel} />
      {writable ? (
        <Composer channel={channel} place={place} people={mentionable} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
      ) : (
        <p className="muted small">You can read this channel; viewers cannot post.</p>
      )}
    </section>
  );
}

/** A message and its replies; archived ones (`readOnly`) are shown the same but offer no actions. */
function ThreadItem({ channel, thread, names, people, receipt, onReply, readOnly }: { channel: DocumentState; thread: Thread; names: ReadonlyMap<string, string>; people: readonly Choosable[]; receipt?: (id: string) => ReceiptInfo | undefined; onReply?: (message: Message) => void; readOnly?: boolean }) {
  const { message, replies } = thread;
  return (
    <MessageItem channel={channel} message={message} names={names} people={people} receipt={receipt?.(message.id)} onReply={onReply} readOnly={readOnly}>
      {replies.length > 0 && (
        <ol className="replies" aria-label={`Replies to ${message.authorName}`}>
          {replies.map((reply) => (
            <MessageItem key={reply.id} channel={channel} message={reply} names={names} people={people} receipt={receipt?.(reply.id)} readOnly={readOnly} />
          ))}
        </ol>
      )}
    </MessageItem>
  );
}
