import type { FieldDefinition, RecordRow } from '@concord/shared';
import { requestJson } from '../../api/requestJson.ts';

const PAGE_ROWS = 2_000;

export interface RecordList {
  rows: RecordRow[];
  /** The schema the server gave with the first page that had one; empty if none did. */
  schema: FieldDefinition[];
  /** The first page's `asOf`: ask with it as `since` for what changed afterwards. */
  asOf: number;
}

/** The rows of `type` from `GET /api/records`, page after page: all of them, or those changed since `since`. */
export async function fetchRecords(token: string, type: string, since?: number): Promise<RecordList> {
  const list: RecordList = { rows: [], schema: [], asOf: 0 };
  let cursor: string | undefined;
  let first = true;
  do {
    const params = new URLSearchParams({ type, limit: String(PAGE_ROWS), ...(cursor ? { cursor } : {}), ...(since !== undefined ? { since: String(since) } : {}) });
    const page = await requestJson<{ rows: RecordRow[]; schema: FieldDefinition[]; asOf: number; next?: string }>(token, `/api/records?${params.toString()}`);
    list.rows.push(...page.rows);
    if (list.schema.length === 0) list.schema = page.schema;
    if (first) list.asOf = page.asOf;
    first = false;
    cursor = page.next;
  } while (cursor);
  return list;
}

/** `base` with `changes` applied: a changed row replaces its old one, a new one is added. */
export function mergeRecords(base: RecordList, changes: RecordList): RecordList {
  if (changes.rows.length === 0) return { ...base, asOf: changes.asOf };
  const byDoc = new Map(base.rows.map((row) => [row.doc, row]));
  for (const row of changes.rows) byDoc.set(row.doc, row);
  return { rows: [...byDoc.values()], schema: changes.schema.length > 0 ? changes.schema : base.schema, asOf: changes.asOf };
}
