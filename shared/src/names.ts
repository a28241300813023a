/**
 * Document names: `<org>:<kind>:<id>` (docs/PROTOCOL.md, "Document names"). One parser for server
 * and client.
 */

export const DOC_KINDS = ['workspace', 'channel', 'meeting', 'form', 'notes', 'inbox'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocName {
  org: string;
  kind: DocKind;
  id: string;
}

export const SEGMENT_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const FORM_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_-]{0,62}\.[A-Za-z0-9._-]+$/;

export type DocNameProblem =
  | { code: 'malformed-name'; message: string }
  | { code: 'unknown-kind'; message: string };

export type ParseResult = { ok: true; name: DocName } | { ok: false; problem: DocNameProblem };

export function isDocKind(value: string): value is DocKind {
  return (DOC_KINDS as readonly string[]).includes(value);
}

export function isValidSegment(value: string): boolean {
  return SEGMENT_PATTERN.test(value);
}

export function parseDocName(raw: string): ParseResult {
  const parts = raw.split(':');
  if (parts.length !== 3) {
    return malformed(`expected <org>:<kind>:<id>, got ${JSON.stringify(raw.slice(0, 200))}`);
  }
  const [org, kind, id] = parts as [string, string, string];
  if (!isValidSegment(org)) return malformed(`org ${JSON.stringify(org.slice(0, 80))} must match [A-Za-z0-9._-]{1,64}`);
  if (!isValidSegment(id)) return malformed(`id ${JSON.stringify(id.slice(0, 80))} must match [A-Za-z0-9._-]{1,64}`);
  if (!isDocKind(kind)) {
    return { ok: false, problem: { code: 'unknown-kind', message: `unknown document kind ${JSON.stringify(kind.slice(0, 40))}; expected one of ${DOC_KINDS.join(', ')}` } };
  }
  if (kind === 'workspace' && id !== 'main') return malformed('the workspace document id is "main"');
  if (kind === 'form' && !FORM_ID_PATTERN.test(id)) return malformed('a form id is <entityType>.<entityId>, e.g. deal.42');
  return { ok: true, name: { org, kind, id } };
}

export function formatDocName(name: DocName): string {
  return `${name.org}:${name.kind}:${name.id}`;
}

/** Each org has one workspace document: its directory, members and activity feed. */
export function workspaceDocName(org: string): string {
  return formatDocName({ org, kind: 'workspace', id: 'main' });
}

/** Each user has one inbox document per org, named by their user id. */
export function inboxDocName(org: string, userId: string): string {
  return formatDocName({ org, kind: 'inbox', id: userId });
}

function malformed(message: string): ParseResult {
  return { ok: false, problem: { code: 'malformed-name', message } };
}
