import type { NotesView } from '@concord/shared';
import { docPath, requestJson } from '../../api/requestJson.ts';

/** A named version of a document, as the server lists it (README "HTTP"). */
export interface VersionInfo {
  id: string;
  label: string;
  createdAt: number;
  createdBy: string;
}

/** Newest first. */
export async function listVersions(token: string, name: string): Promise<VersionInfo[]> {
  return (await requestJson<{ versions: VersionInfo[] }>(token, docPath(name, 'versions'))).versions;
}

/** Saves the server's current state of `name` under `label` (viewers are refused). */
export async function saveVersion(token: string, name: string, label: string): Promise<VersionInfo> {
  return (await requestJson<{ version: VersionInfo }>(token, docPath(name, 'versions'), { method: 'POST', body: { label } })).version;
}

export async function readNotesVersion(token: string, name: string, id: string): Promise<{ version: VersionInfo; document: NotesView }> {
  return requestJson(token, docPath(name, 'versions', id));
}
