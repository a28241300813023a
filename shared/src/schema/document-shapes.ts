/** Every kind's shape and validator, by kind. */
import type * as Y from 'yjs';
import type { DocKind } from '../names.ts';
import type { Problem } from '../problems.ts';
import { channelShape, validateChannel } from './channel.ts';
import { formShape, validateForm } from './form.ts';
import { inboxShape, validateInbox } from './inbox.ts';
import { meetingShape, validateMeeting } from './meeting.ts';
import { notesShape, validateNotes } from './notes.ts';
import type { DocumentShape } from './shape.ts';
import { validateWorkspace, workspaceShape } from './workspace.ts';

export const DOCUMENT_SHAPES: Readonly<Record<DocKind, DocumentShape>> = {
  workspace: workspaceShape,
  channel: channelShape,
  meeting: meetingShape,
  form: formShape,
  notes: notesShape,
  inbox: inboxShape,
};

const VALIDATORS: Readonly<Record<DocKind, (doc: Y.Doc) => Problem[]>> = {
  workspace: validateWorkspace,
  channel: validateChannel,
  meeting: validateMeeting,
  form: validateForm,
  notes: validateNotes,
  inbox: validateInbox,
};

/** Problems of any document by kind; an empty list means the document fits its schema. */
export function validateDocument(kind: DocKind, doc: Y.Doc): Problem[] {
  return VALIDATORS[kind](doc);
}
