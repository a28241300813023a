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

/** A version as the Yjs update it was saved as: the JSON view would drop its formatting. */
export async function readVersionUpdate(token: string, name: string, id: string): Promise<{ version: VersionInfo; update: Uint8Array }> {
  const { version, update } = await requestJson<{ version: VersionInfo; update: string }>(token, `${docPath(name, 'versions', id)}?format=update`);
  return { version, update: Uint8Array.from(atob(update), (char) => char.charCodeAt(0)) };
}
