// A timestamped edit: one paragraph appended to the notes document's root Xml `content`
// (docs/PROTOCOL.md, "Schemas"), its text starting with the sender's wall-clock time in ms. Every
// peer reads the time back when the paragraph arrives.
import * as Y from 'yjs';
import { nowMs } from '../stats.ts';

export const contentName = 'content';

export function appendStampedParagraph(ydoc: Y.Doc, payloadBytes: number): number {
  const sentAt = nowMs();
  const stamp = sentAt.toFixed(3);
  const text = stamp + ' ' + 'x'.repeat(Math.max(0, payloadBytes - stamp.length - 1));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  ydoc.getXmlFragment(contentName).push([paragraph]);
  return sentAt;
}

/** Calls `onStamp(sentAt)` for every stamped paragraph that arrives from elsewhere. */
export function observeStamps(ydoc: Y.Doc, onStamp: (sentAt: number) => void): void {
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
