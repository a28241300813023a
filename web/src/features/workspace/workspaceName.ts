import { formatDocName } from '@concord/shared';

export function docName(org: string, kind: 'workspace' | 'channel' | 'meeting' | 'form' | 'notes' | 'inbox', id: string): string {
  return formatDocName({ org, kind, id });
}

export const workspaceDocName = (org: string): string => docName(org, 'workspace', 'main');
