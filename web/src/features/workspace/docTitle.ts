import { getChannelEntry, listFormEntries, listMeetingEntries, listNotesEntries, parseDocName } from '@concord/shared';
import type * as Y from 'yjs';

/** A document's human name from the org's directory, e.g. "#general" or "Weekly sync". */
export function docTitle(workspace: Y.Doc, name: string): string | undefined {
  const parsed = parseDocName(name);
  if (!parsed.ok) return undefined;
  const { kind, id } = parsed.name;
  switch (kind) {
    case 'channel':
      return `#${getChannelEntry(workspace, id)?.name ?? id}`;
    case 'meeting':
      return listMeetingEntries(workspace).find((entry) => entry.id === id)?.title || undefined;
    case 'form':
      return listFormEntries(workspace).find((entry) => entry.id === id)?.title || undefined;
    case 'notes':
      return listNotesEntries(workspace).find((entry) => entry.id === id)?.title || undefined;
    case 'workspace':
    case 'inbox':
      return undefined;
  }
}

/** The title of whatever directory entry has this id (a channel, meeting, record or page). */
export function directoryTitle(workspace: Y.Doc, id: string): string | undefined {
  const channel = getChannelEntry(workspace, id);
  if (channel) return `#${channel.name}`;
  const entries = [...listMeetingEntries(workspace), ...listFormEntries(workspace), ...listNotesEntries(workspace)];
  return entries.find((entry) => entry.id === id)?.title || undefined;
}
