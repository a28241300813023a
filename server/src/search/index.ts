/**
 * The search index's contract (README "Search"): entries derived from documents, stored next to
 * them (FTS5 in SQLite, tsvector + GIN in PostgreSQL), queried by words that were already reduced to
 * plain tokens here, so user text never reaches a query language.
 */
import { ConcordError } from '../errors.ts';

export const SEARCH_KINDS = ['channel', 'notes', 'form', 'meeting'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One searchable piece of a document: a message, a form field, or the whole page. */
export interface SearchEntry {
  /** Message id or field name; '' for the document itself. */
  anchor: string;
  title: string;
  body: string;
  at: number;
}

export interface IndexedDocument {
  name: string;
  org: string;
  kind: SearchKind;
}

export interface IndexedState {
  /** `Y.encodeStateVector` of the document when it was last indexed. */
  state: Uint8Array;
  /** Id of the newest archived message indexed (channels). */
  archivedThrough: string | null;
}

export interface SearchQuery {
  org: string;
  tokens: readonly string[];
  kind?: SearchKind;
  /** Documents the caller may not open. */
  exclude: readonly string[];
  limit: number;
  after?: SearchCursor;
}

export interface SearchCursor {
  at: number;
  id: number;
}

export interface SearchHit {
  id: number;
  doc: string;
  kind: SearchKind;
  anchor: string;
  title: string;
  body: string;
  at: number;
}

export interface SearchIndex {
  /** Replaces the document's live entries (archived ones stay) and records its state. */
  replaceDocument(doc: IndexedDocument, entries: readonly SearchEntry[], state: Uint8Array): Promise<void>;
  /** Replaces only these live entries (by anchor) and removes those, then records the state. */
  changeDocument(doc: IndexedDocument, changed: readonly SearchEntry[], removed: readonly string[], state: Uint8Array): Promise<void>;
  /** Adds archived chat messages; a message already indexed keeps one entry. */
  addArchived(doc: IndexedDocument, entries: readonly SearchEntry[], archivedThrough: string): Promise<void>;
  indexedState(name: string): Promise<IndexedState | null>;
  /**
   * Document → the storage version (storage.ts, LoadedDocument) it was last read from storage at
   * when the index and every projection were brought up to date with it (recordCaughtUp).
   */
  caughtUpVersions(): Promise<Map<string, string>>;
  /**
   * The index and every projection hold everything of the document as stored at `version`. The
   * document must have been indexed (a document the index has no state for records nothing).
   */
  recordCaughtUp(name: string, version: string): Promise<void>;
  /** Newest first; every token must match, the last as a prefix. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  close(): Promise<void>;
}

export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TOKENS = 12;
/** Longer tokens cannot be words anyone types; they would only make the query costly. */
const MAX_TOKEN_LENGTH = 100;
/** Text beyond this in one entry is not indexed (a notes page of a book's length). */
export const MAX_ENTRY_CHARS = 200_000;

/** Lowercase, accents removed (NFD, combining marks dropped): what both backends compare. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of `text`, folded: letters and digits only, so they are safe inside any query syntax. */
export function tokenize(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** Query text → tokens; an empty list means nothing can match. */
export function queryTokens(q: string | null): string[] {
  if (q === null || q.trim() === '') throw new ConcordError('bad-request', 'q must name at least one word');
  if (q.length > MAX_QUERY_LENGTH) throw new ConcordError('bad-request', `q must be at most ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokenize(q);
  if (tokens.length > MAX_QUERY_TOKENS) throw new ConcordError('bad-request', `q may have at most ${MAX_QUERY_TOKENS} words`);
  if (tokens.some((t) => t.length > MAX_TOKEN_LENGTH)) throw new ConcordError('bad-request', `a word of q is longer than ${MAX_TOKEN_LENGTH} characters`);
  return tokens;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.at}.${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string | null): SearchCursor | undefined {
  if (raw === null) return undefined;
  const match = raw.length <= 64 ? /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(raw, 'base64url').toString()) : null;
  if (!match) throw new ConcordError('bad-request', 'cursor is not one this server gave');
  return { at: Number(match[1]), id: Number(match[2]) };
}

const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 200;

/** A window of `body` around its first matching word, on word boundaries. */
export function snippetOf(body: string, tokens: readonly string[]): string {
  const start = firstMatch(body, tokens);
  let from = Math.max(0, start - SNIPPET_BEFORE);
  if (from > 0) {
    const space = body.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  let to = Math.min(body.length, from + SNIPPET_LENGTH);
  if (to < body.length) {
    const space = body.lastIndexOf(' ', to);
    if (space > start) to = space;
  }
  const text = body.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${text}${to < body.length ? '…' : ''}`;
}

/** Where the first query word starts in `body` (0 when none is found). */
function firstMatch(body: string, tokens: readonly string[]): number {
  const folded = foldText(body);
  const last = tokens.length - 1;
  if (folded.length === body.length) {
    // Folding kept every position (the usual case): search the folded text once per word. Tokens
    // are letters and digits only, so they are safe inside a pattern.
    let best = -1;
    tokens.forEach((token, i) => {
      const found = new RegExp(`(?<![\\p{L}\\p{N}])${token}${i === last ? '' : '(?![\\p{L}\\p{N}])'}`, 'u').exec(folded);
      if (found && (best === -1 || found.index < best)) best = found.index;
    });
    return Math.max(0, best);
  }
  for (const match of body.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = foldText(match[0]);
    if (tokens.includes(word) || word.startsWith(tokens[last] ?? '\u0000')) return match.index;
  }
  return 0;
}
