/** Problems of any document by kind; an empty list means the document fits its schema. */
import type * as Y from 'yjs';
import { validateChannel } from './channel.ts';
import { validateForm } from './form.ts';
import { validateInbox } from './inbox.ts';
import { validateMeeting } from './meeting.ts';
import type { DocKind } from './names.ts';
import { validateNotes } from './notes.ts';
import type { Problem } from './problems.ts';
import { validateWorkspace } from './workspace.ts';

const VALIDATORS: Readonly<Record<DocKind, (doc: Y.Doc) => Problem[]>> = {
  workspace: validateWorkspace,
  channel: validateChannel,
  meeting: validateMeeting,
  form: validateForm,
  notes: validateNotes,
  inbox: validateInbox,
};

export function validateDocument(kind: DocKind, doc: Y.Doc): Problem[] {
  return VALIDATORS[kind](doc);
}
