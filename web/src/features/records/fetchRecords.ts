import type { FieldDefinition, RecordRow } from '@concord/shared';
import { requestJson } from '../../api/requestJson.ts';

const PAGE_ROWS = 2_000;

export interface RecordList {
  rows: RecordRow[];
  /** The schema the server gave with the first page that had one. */
  schema: FieldDefinition[];
}

/** Every row of `type` from `GET /api/records`, page after page. */
export async function fetchRecords(token: string, type: string): Promise<RecordList> {
  const list: RecordList = { rows: [], schema: [] };
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams({ type, limit: String(PAGE_ROWS), ...(cursor ? { cursor } : {}) });
    const page = await requestJson<{ rows: RecordRow[]; schema: FieldDefinition[]; next?: string }>(token, `/api/records?${params.toString()}`);
    list.rows.push(...page.rows);
    if (list.schema.length === 0) list.schema = page.schema;
    cursor = page.next;
  } while (cursor);
  return list;
}
