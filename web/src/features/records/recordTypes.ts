/**
 * The record types the app lists: the workspace's types (shared/src/record-types.ts) and those of any
 * record in its directory, each with a plural label for the sidebar.
 */
import { getRecordType, listFormEntries, listRecordTypes } from '@concord/shared';
import type * as Y from 'yjs';

export interface RecordType {
  type: string;
  label: string;
}

export function recordTypes(workspace: Y.Doc): RecordType[] {
  const types = new Set([...listRecordTypes(workspace).map((t) => t.id), ...listFormEntries(workspace).map((entry) => entry.entityType).filter(Boolean)]);
  return [...types].map((type) => ({ type, label: pluralLabel(workspace, type) }));
}

export function pluralLabel(workspace: Y.Doc, type: string): string {
  const label = getRecordType(workspace, type)?.label ?? type.charAt(0).toUpperCase() + type.slice(1);
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  return label.endsWith('s') ? label : `${label}s`;
}
