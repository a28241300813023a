/**
 * What an accepted update did, in words for the activity feed and the audit trail. Derived from
 * the checked changes and the authenticated connection, never from what the client claims.
 *
 * The words are the ones people use in the app (a record, a page, #channel), not the document
 * kinds: `action` reads after the person's name ("created channel"), `summary` names what it was
 * about ("#sales") or, inside a document, the detail ("#general: hello", "Acme renewal: Stage").
 */
import {
  fieldAtPath, fieldDefinition, findMessage, findMessagesByItem, getChannelEntry, readFormMeta, readMeetingMeta, readNotesTitle, workspaceForms, workspaceMeetings, workspaceNotes, type DocName, type Message,
} from '@concord/shared';
import type * as Y from 'yjs';
import { SEQUENCE, type Change, type InsertChange } from '../guards/update-changes.ts';

export interface ActivityDescription {
  action: string;
  summary: string;
  /** Changes with the same key within the throttle window make one entry. */
  key: string;
}

const SUMMARY_LENGTH = 120;
const clip = (text: string) => (text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text);

/** A key of a message in the live array (`messages/#/<key>`). */
const onMessage = (change: Change): boolean => change.path.length === 3 && change.path[0] === 'messages' && change.path[1] === SEQUENCE;

/** The messages this update posted (maps it created in the live array), as the channel now holds them. */
export function postedMessages(doc: Y.Doc, changes: readonly Change[]): Message[] {
  const items = changes.flatMap((change) =>
    change.op === 'insert' && change.container.isNew && change.container.id && change.key === 'id' && onMessage(change) ? [change.container.id] : [],
  );
  return findMessagesByItem(doc, items);
}

/** Live messages, posted before, whose mentions this update set (an edit), as the channel now holds them. */
export function editedMentions(doc: Y.Doc, changes: readonly Change[]): Message[] {
  const ids = new Set(
    changes.flatMap((change) => {
      if (change.op !== 'insert' || change.container.isNew || change.key !== 'mentions' || !onMessage(change)) return [];
      const id = change.container.get('id');
      return typeof id === 'string' ? [id] : [];
    }),
  );
  return [...ids].flatMap((id) => {
    const message = findMessage(doc, id);
    return message && message.deletedAt === undefined ? [message] : [];
  });
}

export function describeActivity(name: DocName, doc: Y.Doc, changes: readonly Change[]): ActivityDescription | null {
  const inserted = changes.filter((c): c is InsertChange => c.op === 'insert');
  switch (name.kind) {
    case 'channel': {
      const posted = postedMessages(doc, changes);
      if (posted.length > 0) return { action: 'posted', summary: clip(`#${name.id}: ${posted[posted.length - 1]!.text}`), key: 'posted' };
      const onMessages = changes.filter((c) => c.path[0] === 'messages');
      if (onMessages.some((c) => c.op === 'insert' && c.key === 'deletedAt')) return { action: 'deleted a message', summary: `#${name.id}`, key: 'deleted' };
      if (onMessages.some((c) => c.op === 'delete' && c.key === 'deletedAt')) return { action: 'restored a message', summary: `#${name.id}`, key: 'restored' };
      if (onMessages.some((c) => c.op === 'insert' && c.key === 'text')) return { action: 'edited a message', summary: `#${name.id}`, key: 'edited' };
      return null;
    }
    case 'meeting':
      return describeMeeting(name, doc, inserted);
    case 'form':
      return describeRecord(name, doc, inserted);
    case 'notes':
      // A page's title is kept in the directory too, and renaming it is told from there.
      if (!changes.some((c) => c.path[0] === 'content')) return null;
      return { action: 'edited the page', summary: readNotesTitle(doc) || name.id, key: 'edited' };
    case 'workspace':
      return describeDirectory(doc, changes, inserted);
    case 'inbox':
      return null;
  }
}

const STATUS_WORDS: Record<string, string> = { paused: 'paused the meeting', ended: 'ended the meeting' };

function describeMeeting(name: DocName, doc: Y.Doc, inserted: readonly InsertChange[]): ActivityDescription | null {
  const summary = readMeetingMeta(doc).title || name.id;
  const described = (action: string, key: string) => ({ action, summary, key });
  const status = lastValue(inserted.find((c) => c.path.join('/') === 'meta/status'));
  // Scheduling is told by the directory ("scheduled meeting …").
  if (status === 'scheduled') return null;
  if (status === 'active') {
    return inserted.some((c) => c.path.join('/') === 'meta/startedAt') ? described('started the meeting', 'status-started') : described('resumed the meeting', 'status-resumed');
  }
  if (typeof status === 'string' && STATUS_WORDS[status]) return described(STATUS_WORDS[status]!, `status-${status}`);
  const participants = inserted.filter((c) => c.path[0] === 'participants' && c.path.length === 3);
  if (participants.some((c) => c.key === 'invitedBy')) {
    const names = participants.filter((c) => c.key === 'name').map((c) => String(lastValue(c)));
    return { action: 'invited people', summary: clip(`${summary}: ${names.join(', ')}`), key: 'invited' };
  }
  if (participants.some((c) => c.key === 'leftAt')) return described('left the meeting', 'left');
  if (participants.some((c) => c.key === 'joinedAt')) return described('joined the meeting', 'joined');
  if (inserted.some((c) => c.path[0] === 'agenda')) return described('updated the agenda', 'agenda');
  if (inserted.some((c) => c.path[0] === 'notes')) return described('edited the meeting notes', 'notes');
  return described('changed the meeting details', 'details');
}

function describeRecord(name: DocName, doc: Y.Doc, inserted: readonly InsertChange[]): ActivityDescription {
  const title = readFormMeta(doc).title || name.id;
  if (inserted.some((c) => c.path.join('/') === 'meta/schema')) return { action: 'set up the record', summary: title, key: 'set-up' };
  const write = inserted.find((c) => {
    const at = fieldAtPath(c.path);
    return at !== undefined && (at.part === 'text' || c.content.kind === 'value');
  });
  if (!write) return { action: 'edited the record', summary: title, key: 'edited' };
  const { field, part } = fieldAtPath(write.path)!;
  const label = fieldDefinition(doc, field)?.label ?? field;
  const resolved = part === 'write' && (lastValue(write) as { resolution?: string } | undefined)?.resolution;
  return resolved
    ? { action: 'resolved a conflict', summary: clip(`${title}: ${label}`), key: `resolved-${field}` }
    : { action: 'changed a field', summary: clip(`${title}: ${label}`), key: `changed-${field}` };
}

const NAMED_ENTRIES = 3;
const ENTRY_WORDS: Record<string, string> = { channels: 'channel', meetings: 'meeting', forms: 'record', notes: 'page' };

function describeDirectory(doc: Y.Doc, changes: readonly Change[], inserted: readonly InsertChange[]): ActivityDescription | null {
  const created = inserted.filter((c) => c.path.length === 2 && c.content.kind === 'type' && !c.replaces && c.path[0]! in ENTRY_WORDS);
  if (created.length > 1) {
    // Named up to a few: an update may create thousands of entries, and the summary is clipped anyway.
    const named = created.slice(0, NAMED_ENTRIES).map((c) => entryTitle(doc, c.path));
    const more = created.length > NAMED_ENTRIES ? ` and ${created.length - NAMED_ENTRIES} more` : '';
    return { action: 'set up the workspace', summary: clip(named.join(', ') + more), key: 'set-up' };
  }
  if (created.length === 1) {
    const [root] = created[0]!.path;
    return { action: root === 'meetings' ? 'scheduled meeting' : `created ${ENTRY_WORDS[root!]}`, summary: entryTitle(doc, created[0]!.path), key: `created-${created[0]!.path.join('/')}` };
  }
  const removed = changes.find((c) => c.op === 'delete' && c.path.length === 2 && c.path[0]! in ENTRY_WORDS);
  if (removed) return { action: `removed ${ENTRY_WORDS[removed.path[0]!]}`, summary: removed.path[1]!, key: `removed-${removed.path.join('/')}` };

  const entryChanges = changes.filter((c) => c.path.length >= 3 && c.path[0]! in ENTRY_WORDS);
  const first = entryChanges[0];
  if (!first) return null;
  const entry = first.path.slice(0, 2);
  const word = ENTRY_WORDS[entry[0]!]!;
  const touched = new Set(entryChanges.filter((c) => c.path[1] === entry[1]).map((c) => c.path[2]));
  const described = (action: string) => ({ action, summary: entryTitle(doc, entry), key: `${action}-${entry.join('/')}` });
  if (touched.has('name') || touched.has('title')) return described(`renamed ${word}`);
  if (touched.has('scheduledAt')) return described('rescheduled meeting');
  if (touched.has('topic')) return described('changed the topic of');
  if (touched.has('visibility')) return described('changed who can see');
  if (touched.has('members')) return described('changed the members of');
  // A meeting's status in the directory follows the meeting, whose own entry tells of it.
  return null;
}

/** "#sales", "Acme renewal": a directory entry as people know it, read by its key (no listing). */
function entryTitle(doc: Y.Doc, path: readonly string[]): string {
  const [root, id = ''] = path;
  if (root === 'channels') return `#${getChannelEntry(doc, id)?.name || id}`;
  const entries = root === 'meetings' ? workspaceMeetings(doc) : root === 'forms' ? workspaceForms(doc) : workspaceNotes(doc);
  const title = entries.get(id)?.get('title');
  return typeof title === 'string' && title ? title : id;
}

function lastValue(change: InsertChange | undefined): unknown {
  return change?.content.kind === 'value' ? change.content.values.at(-1) : undefined;
}
