/**
 * A document → its searchable entries (README "Search"), through the shared accessors. Each part
 * is read with bounded, iterative walks (rich text can nest deeply) and capped in length.
 */
import { channelMessages, formMeta, listAgenda, meetingNotes, notesContent, readField, readFormSchema, readMeetingMeta, readMessage, readNotesTitle, writtenFieldNames, xmlPlainText, type DocKind } from '@concord/shared';
import * as Y from 'yjs';
import { MAX_ENTRY_CHARS, type SearchEntry, type SearchKind } from './index.ts';

export function isSearchKind(kind: DocKind | string): kind is SearchKind {
  return kind === 'channel' || kind === 'notes' || kind === 'form' || kind === 'meeting';
}

const cap = (text: string): string => (text.length > MAX_ENTRY_CHARS ? text.slice(0, MAX_ENTRY_CHARS) : text);

/** `now` stands for "last changed" where a document has no timestamp of its own. */
export function extractEntries(kind: SearchKind, doc: Y.Doc, now: number): SearchEntry[] {
  switch (kind) {
    case 'channel':
      return channelEntries(doc);
    case 'notes':
      return [{ anchor: '', title: readNotesTitle(doc), body: cap(xmlPlainText(notesContent(doc))), at: now }];
    case 'meeting': {
      const meta = readMeetingMeta(doc);
      const agenda = listAgenda(doc).map((item) => item.text).join('\n');
      return [{ anchor: '', title: meta.title, body: cap(`${agenda}\n${xmlPlainText(meetingNotes(doc))}`), at: now }];
    }
    case 'form':
      return formEntries(doc, now);
  }
}

export interface MessageLike {
  id: string;
  text: string;
  createdAt: number;
  deletedAt?: number;
  attachments?: readonly { name: string }[];
}

export function messageEntry(message: MessageLike): SearchEntry | null {
  if (message.deletedAt !== undefined) return null;
  const names = (message.attachments ?? []).map((a) => a.name).join(' ');
  const body = cap(names ? `${message.text}\n${names}` : message.text);
  return body.trim() === '' ? null : { anchor: message.id, title: '', body, at: message.createdAt };
}

function channelEntries(doc: Y.Doc): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const map of channelMessages(doc)) {
    if (!(map instanceof Y.Map)) continue;
    const entry = messageEntry(readMessage(map));
    if (entry) entries.push(entry);
  }
  return entries;
}

function formEntries(doc: Y.Doc, now: number): SearchEntry[] {
  const meta = formMeta(doc);
  const title = typeof meta.get('title') === 'string' ? (meta.get('title') as string) : '';
  const entries: SearchEntry[] = [{ anchor: '', title, body: [meta.get('entityType'), meta.get('entityId')].filter((v) => typeof v === 'string').join(' '), at: now }];
  const names = new Set(readFormSchema(doc).map((field) => field.name));
  for (const name of writtenFieldNames(doc)) names.add(name);
  for (const name of names) {
    const value = readField(doc, name).value;
    if (value === null || value === undefined || typeof value === 'boolean') continue;
    const body = cap(String(value));
    if (body.trim() !== '') entries.push({ anchor: name, title, body, at: now });
  }
  return entries;
}
