import type { RecordRow } from '@concord/shared';
import { requestJson } from '../../api/requestJson.ts';

const PAGE_ROWS = 2_000;

/** Every row of `type` from `GET /api/records`, page after page. */
export async function fetchRecords(token: string, type: string): Promise<RecordRow[]> {
  const rows: RecordRow[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams({ type, limit: String(PAGE_ROWS), ...(cursor ? { cursor } : {}) });
    const page = await requestJson<{ rows: RecordRow[]; next?: string }>(token, `/api/records?${params.toString()}`);
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor);
  return rows;
}
