// A timestamped edit: in a notes page, one paragraph appended to the root Xml `content`; in a
// channel, one chat message posted by the client's own user (docs/PROTOCOL.md, "Schemas"). Its
// text starts with the sender's wall-clock time in ms; every peer reads the time back on arrival.
import { channelMessages, postMessage } from '@concord/shared';
import * as Y from 'yjs';
import { nowMs } from '../stats.ts';
import type { Client } from './client.ts';

export const contentName = 'content';

/** The edit of the client's document kind: a message in a channel, a paragraph elsewhere. */
export function stampedEdit(client: Client, payloadBytes: number): number {
  return isChannel(client.doc) ? postStampedMessage(client.ydoc, client.user, payloadBytes) : appendStampedParagraph(client.ydoc, payloadBytes);
}

export function observeStampedEdits(client: Client, onStamp: (sentAt: number) => void): void {
  if (isChannel(client.doc)) observeStampedMessages(client.ydoc, onStamp);
  else observeStamps(client.ydoc, onStamp);
}

const isChannel = (doc: string) => doc.split(':')[1] === 'channel';

function stampedText(sentAt: number, payloadBytes: number): string {
  const stamp = sentAt.toFixed(3);
  return stamp + ' ' + 'x'.repeat(Math.max(0, payloadBytes - stamp.length - 1));
}

function postStampedMessage(ydoc: Y.Doc, user: string, payloadBytes: number): number {
  const sentAt = nowMs();
  postMessage(ydoc, { text: stampedText(sentAt, payloadBytes), authorId: user, authorName: user });
  return sentAt;
}

function observeStampedMessages(ydoc: Y.Doc, onStamp: (sentAt: number) => void): void {
  channelMessages(ydoc).observe((event, transaction) => {
    if (transaction.local) return;
    for (const item of event.changes.added) {
      for (const message of item.content.getContent()) {
        if (!(message instanceof Y.Map)) continue;
        const sentAt = Number.parseFloat(String(message.get('text')));
        if (Number.isFinite(sentAt)) onStamp(sentAt);
      }
    }
  });
}

function appendStampedParagraph(ydoc: Y.Doc, payloadBytes: number): number {
  const sentAt = nowMs();
  const text = stampedText(sentAt, payloadBytes);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  ydoc.getXmlFragment(contentName).push([paragraph]);
  return sentAt;
}

/** Calls `onStamp(sentAt)` for every stamped paragraph that arrives from elsewhere. */
function observeStamps(ydoc: Y.Doc, onStamp: (sentAt: number) => void): void {
  ydoc.getXmlFragment(contentName).observe((event, transaction) => {
    if (transaction.local) return;
    for (const item of event.changes.added) {
      for (const node of item.content.getContent()) {
        if (!(node instanceof Y.XmlElement)) continue;
        const first = node.get(0);
        if (!(first instanceof Y.XmlText)) continue;
        const sentAt = Number.parseFloat(first.toString());
        if (Number.isFinite(sentAt)) onStamp(sentAt);
      }
    }
  });
}

/** Appends about `bytes` of text as paragraphs of `paragraphChars` characters, in one transaction. */
export function appendFiller(ydoc: Y.Doc, bytes: number, paragraphChars = 1000): void {
  const fragment = ydoc.getXmlFragment(contentName);
  const paragraphs: Y.XmlElement[] = [];
  for (let written = 0; written < bytes; written += paragraphChars) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(fillerText(paragraphChars))]);
    paragraphs.push(paragraph);
  }
  ydoc.transact(() => fragment.push(paragraphs));
}

const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do'];

function fillerText(chars: number): string {
  let text = '';
  while (text.length < chars) text += words[Math.floor(Math.random() * words.length)] + ' ';
  return text.slice(0, chars);
}
