/**
 * `GET /api/docs/:name`: the document as JSON through the shared schema, for the holder of a token
 * that may open it (the same rules as connecting).
 */
import { authorizeDocument, type Access } from '../auth/access.ts';
import type { TokenService } from '../auth/tokens.ts';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import type { VersionInfo } from '../storage/storage.ts';
import type { AdmissionCheck } from '../extensions/authentication.ts';
import { newId, viewDocument } from '@concord/shared';
import * as Y from 'yjs';
import { ConcordError } from '../errors.ts';
import { parseVersionLabel } from './version-label.ts';

export interface DocsRouteDeps extends DocumentSource {
  tokens: TokenService;
  admissionChecks: readonly AdmissionCheck[];
}

const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;

/** The same rules as connecting: a valid token that may open this document. */
async function authorize(deps: DocsRouteDeps, token: string | undefined, rawName: string): Promise<Access> {
  const identity = await deps.tokens.verify(token);
  const access = authorizeDocument(identity, rawName);
  for (const check of deps.admissionChecks) if (check.appliesToHttp) await check.admit(identity, access, rawName);
  return access;
}

export async function getDocumentJson(deps: DocsRouteDeps, token: string | undefined, rawName: string): Promise<unknown> {
  const access = await authorize(deps, token, rawName);
  return withDocument(deps, rawName, (doc) => viewDocument(access.doc.kind, doc));
}

/** `GET /api/docs/:name/activity`: the audit trail of the document, newest first. */
export async function getDocumentActivity(deps: DocsRouteDeps, token: string | undefined, rawName: string, query: URLSearchParams): Promise<unknown> {
  await authorize(deps, token, rawName);
  return { activity: await deps.storage.listAudit(rawName, pageSize(query)) };
}

/** `GET /api/docs/:name/archive?before=<messageId>&limit=<n>`: a channel's archived messages, newest first. */
export async function getChannelArchive(deps: DocsRouteDeps, token: string | undefined, rawName: string, query: URLSearchParams): Promise<unknown> {
  const access = await authorize(deps, token, rawName);
  if (access.doc.kind !== 'channel') throw new ConcordError('not-found', 'only channels have an archive');
  const before = query.get('before') ?? undefined;
  const messages = await deps.storage.listArchive(rawName, { before, limit: pageSize(query) });
  return { messages: messages.map((m) => m.message) };
}

/** `GET /api/docs/:name/versions`: the named versions, newest first. */
export async function listDocumentVersions(deps: DocsRouteDeps, token: string | undefined, rawName: string): Promise<unknown> {
  await authorize(deps, token, rawName);
  return { versions: await deps.storage.listVersions(rawName) };
}

/** `POST /api/docs/:name/versions` `{label}`: saves the document as it is now under a name. */
export async function saveDocumentVersion(deps: DocsRouteDeps, token: string | undefined, rawName: string, body: unknown): Promise<VersionInfo> {
  const access = await authorize(deps, token, rawName);
  if (access.readOnly) throw new ConcordError('read-only', 'viewers cannot save versions');
  const label = parseVersionLabel(typeof body === 'object' && body !== null ? (body as { label?: unknown }).label : undefined);
  const state = await withDocument(deps, rawName, (doc) => Y.encodeStateAsUpdate(doc));
  const identity = await deps.tokens.verify(token);
  const version: VersionInfo = { id: newId(), label, createdAt: Date.now(), createdBy: identity.userId };
  await deps.storage.saveVersion(rawName, version, state);
  return version;
}

/**
 * `GET /api/docs/:name/versions/:id`: a past version as JSON, or with `?format=update` as the Yjs
 * update it was saved as (base64), for clients that need everything the JSON view leaves out, such
 * as rich-text formatting, to show or restore it exactly.
 */
export async function getDocumentVersion(deps: DocsRouteDeps, token: string | undefined, rawName: string, versionId: string, query: URLSearchParams): Promise<unknown> {
  const access = await authorize(deps, token, rawName);
  const format = query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'update') throw new ConcordError('bad-request', 'format must be json or update');
  const [info, state] = await Promise.all([deps.storage.listVersions(rawName).then((all) => all.find((v) => v.id === versionId)), deps.storage.loadVersion(rawName, versionId)]);
  if (!info || !state) throw new ConcordError('not-found', `no version ${versionId}`);
  if (format === 'update') return { version: info, update: Buffer.from(state).toString('base64') };
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return { version: info, document: viewDocument(access.doc.kind, doc) };
  } finally {
    doc.destroy();
  }
}

function pageSize(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_PAGE;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ConcordError('bad-request', `limit must be an integer from 1 to ${MAX_PAGE}`);
  return limit;
}
