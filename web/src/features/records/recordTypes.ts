/**
 * The record types the app lists: those with a template and those of any record in the workspace's
 * directory, each with a plural label for the sidebar.
 */
import { listFormEntries } from '@concord/shared';
import type * as Y from 'yjs';
import { FORM_TEMPLATES } from '../form/formTemplates.ts';

export interface RecordType {
  type: string;
  label: string;
}

export function recordTypes(workspace: Y.Doc): RecordType[] {
  const types = new Set([...Object.keys(FORM_TEMPLATES), ...listFormEntries(workspace).map((entry) => entry.entityType).filter(Boolean)]);
  return [...types].map((type) => ({ type, label: pluralLabel(type) }));
}

export function pluralLabel(type: string): string {
  const label = FORM_TEMPLATES[type]?.label ?? type.charAt(0).toUpperCase() + type.slice(1);
  return label.endsWith('s') ? label : `${label}s`;
}
