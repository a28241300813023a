/**
 * `GET /api/search?q=&kind=&limit=&cursor=` (README "HTTP"): matches from the documents the
 * caller may open, newest first. Private channels and DMs the caller is not a member of are left
 * out by the same rule as connecting (guards/channel-membership.ts); inboxes are never indexed.
 */
import { listChannels, workspaceDocName } from '@concord/shared';
import type { TokenService } from '../auth/tokens.ts';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import { ConcordError } from '../errors.ts';
import { channelAccessOf, channelRefusal } from '../guards/channel-membership.ts';
import { decodeCursor, encodeCursor, queryTokens, SEARCH_KINDS, snippetOf, type SearchIndex, type SearchKind } from '../search/index.ts';

export interface SearchRouteDeps extends DocumentSource {
  tokens: TokenService;
  index: SearchIndex;
}

export interface SearchResult {
  doc: string;
  kind: SearchKind;
  title: string;
  anchor?: string;
  snippet: string;
  at: number;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;

export async function searchDocuments(deps: SearchRouteDeps, token: string | undefined, query: URLSearchParams): Promise<{ results: SearchResult[]; next?: string }> {
  const identity = await deps.tokens.verify(token);
  const tokens = queryTokens(query.get('q'));
  const kind = parseKind(query.get('kind'));
  const limit = parseLimit(query.get('limit'));
  const after = decodeCursor(query.get('cursor'));
  if (tokens.length === 0) return { results: [] };

  const org = identity.org;
  const { exclude, channelNames } = await withDocument(deps, workspaceDocName(org), (workspace) => {
    const exclude: string[] = [];
    const channelNames = new Map<string, string>();
    for (const entry of listChannels(workspace)) {
      const name = `${org}:channel:${entry.id}`;
      channelNames.set(name, entry.name);
      if (channelRefusal(channelAccessOf(entry), identity.userId)) exclude.push(name);
    }
    return { exclude, channelNames };
  });

  const hits = await deps.index.search({ org, tokens, kind, exclude, limit: limit + 1, after });
  const page = hits.slice(0, limit);
  const results = page.map((hit): SearchResult => ({
    doc: hit.doc,
    kind: hit.kind,
    title: hit.kind === 'channel' ? (channelNames.get(hit.doc) ?? hit.doc.split(':')[2]!) : hit.title,
    ...(hit.anchor ? { anchor: hit.anchor } : {}),
    snippet: snippetOf(hit.body || hit.title, tokens),
    at: hit.at,
  }));
  const last = page[page.length - 1];
  return hits.length > limit && last ? { results, next: encodeCursor({ at: last.at, id: last.id }) } : { results };
}

function parseKind(raw: string | null): SearchKind | undefined {
  if (raw === null) return undefined;
  if (!(SEARCH_KINDS as readonly string[]).includes(raw)) throw new ConcordError('bad-request', `kind must be one of ${SEARCH_KINDS.join(', ')}`);
  return raw as SearchKind;
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || limit < 1 || limit > MAX_LIMIT) throw new ConcordError('bad-request', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return limit;
}
