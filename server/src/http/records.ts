/**
 * `GET /api/records?type=<type>&limit=<1..2000>&cursor=<opaque>&since=<asOf>` (docs/PROTOCOL.md,
 * "Records"): the rows of the caller's org for one record type from the records projection, ordered
 * by document name, a page at a time; with `since`, only rows that changed after the `asOf` of an
 * earlier answer. Every role may read them, as every role may open a form.
 */
import { formatDocName, isRecordType, isValidSegment, type FieldDefinition, type RecordRow } from '@concord/shared';
import type { TokenService } from '../auth/tokens.ts';
import { ConcordError } from '../errors.ts';
import type { RecordsTable } from '../records/records-store.ts';

export interface RecordsRouteDeps {
  tokens: TokenService;
  records: RecordsTable;
}

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 2_000;
/**
 * `asOf` is this much before the store's clock, so that a row projected just before a list was read
 * but committed after it (or on an instance whose write was slower) is sent again, never missed.
 */
export const SINCE_OVERLAP_MS = 10_000;

export interface RecordsPage {
  rows: RecordRow[];
  /** The schema of the page's most recently updated record: what a list shows as columns. */
  schema: FieldDefinition[];
  /** Pass as `since` to get what changed after this answer (a few rows may come again). */
  asOf: number;
  next?: string;
}

export async function listRecords(deps: RecordsRouteDeps, token: string | undefined, query: URLSearchParams): Promise<RecordsPage> {
  const identity = await deps.tokens.verify(token);
  const type = query.get('type');
  if (type === null || !isRecordType(type)) throw new ConcordError('bad-request', 'type must be a record type such as deal ([A-Za-z0-9_-], at most 63 characters)');
  const limit = parseLimit(query.get('limit'));
  const after = parseCursor(query.get('cursor'), identity.org, type);
  const since = parseSince(query.get('since'));
  const { records: rows, now } = await deps.records.list({ org: identity.org, type, limit: limit + 1, after, since });
  const page = rows.slice(0, limit);
  let newest = page[0];
  for (const record of page) if ((record.row.updatedAt ?? 0) > (newest!.row.updatedAt ?? 0)) newest = record;
  const body: RecordsPage = { rows: page.map((record) => record.row), schema: newest?.schema ?? [], asOf: Math.max(0, now - SINCE_OVERLAP_MS) };
  if (rows.length > limit) body.next = Buffer.from(page[page.length - 1]!.row.id).toString('base64url');
  return body;
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || limit < 1 || limit > MAX_LIMIT) throw new ConcordError('bad-request', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return limit;
}

function parseSince(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d{1,16}$/.test(raw)) throw new ConcordError('bad-request', 'since must be the asOf of an earlier answer');
  return Number(raw);
}

/** The cursor is the last row's form id; it only ever points inside the caller's org and type. */
function parseCursor(raw: string | null, org: string, type: string): string | undefined {
  if (raw === null) return undefined;
  const id = raw.length <= 100 ? Buffer.from(raw, 'base64url').toString() : '';
  if (!isValidSegment(id) || !id.startsWith(`${type}.`)) throw new ConcordError('bad-request', 'cursor is not one this server gave');
  return formatDocName({ org, kind: 'form', id });
}
