/**
 * The JSON of any document by kind: what `GET /api/docs/:name` returns. Keys are sorted, so equal
 * documents give equal JSON text on every replica.
 */
import type * as Y from 'yjs';
import { channelToJSON, type ChannelView } from './channel.ts';
import { formToJSON, type FormView } from './form.ts';
import { inboxToJSON, type InboxView } from './inbox.ts';
import { meetingToJSON, type MeetingView } from './meeting.ts';
import type { DocKind } from './names.ts';
import { notesToJSON, type NotesView } from './notes.ts';
import { listPeople, type Person } from './people.ts';
import { listRecordTypes, type RecordType } from './record-types.ts';
import { workspaceToJSON, type WorkspaceView } from './workspace.ts';

/** The directory's own roots, and those other modules keep in the workspace (they import workspace.ts). */
export interface WorkspaceDocumentView extends WorkspaceView {
  people: Person[];
  recordTypes: RecordType[];
}

export interface DocumentViews {
  workspace: WorkspaceDocumentView;
  channel: ChannelView;
  meeting: MeetingView;
  form: FormView;
  notes: NotesView;
  inbox: InboxView;
}

export type DocumentView = DocumentViews[DocKind];

export function viewDocument<K extends DocKind>(kind: K, doc: Y.Doc): DocumentViews[K];
export function viewDocument(kind: DocKind, doc: Y.Doc): DocumentView {
  switch (kind) {
    case 'workspace':
      return { ...workspaceToJSON(doc), people: listPeople(doc), recordTypes: listRecordTypes(doc) };
    case 'channel':
      return channelToJSON(doc);
    case 'meeting':
      return meetingToJSON(doc);
    case 'form':
      return formToJSON(doc);
    case 'notes':
      return notesToJSON(doc);
    case 'inbox':
      return inboxToJSON(doc);
  }
}
