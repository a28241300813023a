/** A client for `GET /api/records` and deals written through real providers. */
import { defineForm, writeField, type FieldDefinition, type RecordRow } from '@concord/shared';
import type { TestClient } from '../helpers/client.ts';
import { signToken, type TestClaims } from '../helpers/tokens.ts';

export interface RecordsResponse {
  status: number;
  body: { rows?: RecordRow[]; schema?: FieldDefinition[]; asOf?: number; next?: string; error?: string };
}

export async function listRecords(url: string, token: string | undefined, params: Record<string, string>): Promise<RecordsResponse> {
  const response = await fetch(`${url}/api/records?${new URLSearchParams(params).toString()}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as RecordsResponse['body'] };
}

export const tokenFor = (sub: string, org = 'acme', role: TestClaims['role'] = 'editor') => signToken({ sub, org, role, name: sub });

export const DEAL_SCHEMA: FieldDefinition[] = [
  { name: 'company', label: 'Company', type: 'string', required: true },
  { name: 'amount', label: 'Amount', type: 'number' },
  { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] },
];

/** Defines deal `id` in `client`'s document and writes `values` as `sub`, then waits for the acknowledgement. */
export async function writeDeal(client: TestClient, id: string, title: string, values: Record<string, string | number>, sub = 'alice'): Promise<void> {
  defineForm(client.doc, { title, entityType: 'deal', entityId: id, schema: DEAL_SCHEMA });
  for (const [name, value] of Object.entries(values)) writeField(client.doc, name, value, { id: sub, name: sub });
  await client.acknowledged();
}
