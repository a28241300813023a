import type { DocKind } from '@concord/shared';
import type { DocumentShape } from './shape.ts';
import { channelShape } from './shapes/channel.ts';
import { formShape } from './shapes/form.ts';
import { inboxShape } from './shapes/inbox.ts';
import { meetingShape } from './shapes/meeting.ts';
import { notesShape } from './shapes/notes.ts';
import { workspaceShape } from './shapes/workspace.ts';

export const DOCUMENT_SHAPES: Readonly<Record<DocKind, DocumentShape>> = {
  workspace: workspaceShape,
  channel: channelShape,
  meeting: meetingShape,
  form: formShape,
  notes: notesShape,
  inbox: inboxShape,
};
