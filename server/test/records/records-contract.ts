/**
 * The records projection over a real server, for each backend: rows follow edits, conflicts are
 * flagged, orgs and types stay apart, pages cover every row once, and bad queries are refused.
 */
import { defineForm, headIds, fieldWrites, resolveField, writeField } from '@concord/shared';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.ts';
import type { TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { SINCE_OVERLAP_MS } from '../../src/http/records.ts';
import { listRecords, tokenFor, writeDeal } from './fixtures.ts';

export interface RecordsTarget {
  server: TestServer;
  close(): Promise<void>;
}

export function describeRecords(backend: string, start: () => Promise<RecordsTarget>): void {
  describe(`records (${backend})`, () => {
    let target: RecordsTarget | undefined;
    const clients: TestClient[] = [];
    let alice: string;
    const open = async (name: string, sub = 'alice', org = 'acme') => {
      const client = connect(target!.server.wsUrl, name, await tokenFor(sub, org));
      clients.push(client);
      await client.synced();
      return client;
    };
    const rows = async (token: string, params: Record<string, string> = { type: 'deal' }) => {
      const response = await listRecords(target!.server.url, token, params);
      expect(response.status).toBe(200);
      return response.body.rows!;
    };

    beforeAll(async () => {
      target = await start();
      alice = await tokenFor('alice');
      await writeDeal(await open('acme:form:deal.1'), '1', 'Northwind renewal', { company: 'Northwind', amount: 1200, stage: 'lead' });
      await writeDeal(await open('acme:form:deal.2'), '2', 'Globex pilot', { company: 'Globex', amount: 800 });
      const contact = await open('acme:form:contact.1');
      defineForm(contact.doc, { title: 'Ana Lima', entityType: 'contact', entityId: '1', schema: [{ name: 'name', label: 'Name', type: 'string' }] });
      await contact.acknowledged();
      await writeDeal(await open('globex:form:deal.9', 'gina', 'globex'), '9', 'Globex internal', { company: 'Hidden' }, 'gina');
      await waitFor(async () => (await rows(alice)).length === 2, 'both deals to be projected');
      await target.server.server.searchIdle();
    });
    afterAll(async () => {
      clients.splice(0).forEach((c) => c.destroy());
      await target?.close();
    });

    it('lists one row per deal with title, current values and the time of the newest value', async () => {
      const deals = await rows(alice);
      expect(deals.map((r) => r.doc)).toEqual(['acme:form:deal.1', 'acme:form:deal.2']);
      expect(deals[0]).toMatchObject({
        id: 'deal.1', type: 'deal', title: 'Northwind renewal', conflicts: [],
        fields: { company: 'Northwind', amount: 1200, stage: 'lead' },
      });
      const response = await listRecords(target!.server.url, alice, { type: 'deal' });
      expect(response.body.schema!.map((d) => d.name)).toEqual(['company', 'amount', 'stage']);
      expect(deals[0]!.updatedAt).toBeGreaterThan(Date.now() - 60_000);
      expect(deals[1]!.fields).toEqual({ company: 'Globex', amount: 800 });
    });

    it('carries the ids of each field\'s heads, which a write made from the row supersedes', async () => {
      const doc = clients[0]!.doc;
      const [deal] = await rows(alice);
      expect(Object.keys(deal!.heads).sort()).toEqual(['amount', 'company', 'stage']);
      for (const field of ['amount', 'company', 'stage']) {
        expect(deal!.heads[field]).toEqual(headIds(fieldWrites(doc, field)).sort());
        expect(deal!.heads[field]).toHaveLength(1);
      }
    });

    it('follows edits: a new value replaces the old one in the row', async () => {
      const client = clients[0]!;
      writeField(client.doc, 'stage', 'won', { id: 'alice', name: 'alice' });
      await client.acknowledged();
      const row = await waitFor(async () => (await rows(alice)).find((r) => r.id === 'deal.1' && r.fields.stage === 'won'), 'the edit to reach the row');
      expect(row.conflicts).toEqual([]);
    });

    it('flags a field in conflict and clears the flag once it is resolved', async () => {
      const client = clients[1]!;
      // A second device of the same user, offline, writes over the same head.
      const offline = new Y.Doc();
      Y.applyUpdate(offline, Y.encodeStateAsUpdate(client.doc));
      writeField(offline, 'amount', 950, { id: 'alice', name: 'alice' });
      writeField(client.doc, 'amount', 900, { id: 'alice', name: 'alice' });
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(offline));
      await client.acknowledged();
      const conflicted = await waitFor(async () => (await rows(alice)).find((r) => r.id === 'deal.2' && r.conflicts.length > 0), 'the conflict to be flagged');
      expect(conflicted.conflicts).toEqual(['amount']);
      expect([900, 950]).toContain(conflicted.fields.amount);
      expect(conflicted.heads.amount).toHaveLength(2);
      expect(conflicted.heads.amount).toEqual(headIds(fieldWrites(client.doc, 'amount')).sort());

      resolveField(client.doc, 'amount', { choice: 'merged', value: 925 }, { id: 'alice', name: 'alice' });
      await client.acknowledged();
      const settled = await waitFor(async () => (await rows(alice)).find((r) => r.id === 'deal.2' && r.conflicts.length === 0), 'the resolution to clear the flag');
      expect(settled.fields.amount).toBe(925);
      expect(settled.heads.amount).toEqual(headIds(fieldWrites(client.doc, 'amount')));
    });

    it('keeps types apart and lets a viewer read', async () => {
      expect((await rows(await tokenFor('vera', 'acme', 'viewer'), { type: 'contact' })).map((r) => r.title)).toEqual(['Ana Lima']);
      expect(await rows(alice, { type: 'company' })).toEqual([]);
    });

    it('never shows another org its rows', async () => {
      const gina = await tokenFor('gina', 'globex');
      expect((await rows(gina)).map((r) => r.doc)).toEqual(['globex:form:deal.9']);
      expect((await rows(alice)).some((r) => r.doc.startsWith('globex:'))).toBe(false);
    });

    it('pages by cursor: every row once, in order', async () => {
      const first = await listRecords(target!.server.url, alice, { type: 'deal', limit: '1' });
      expect(first.body.rows!.map((r) => r.id)).toEqual(['deal.1']);
      const second = await listRecords(target!.server.url, alice, { type: 'deal', limit: '1', cursor: first.body.next! });
      expect(second.body.rows!.map((r) => r.id)).toEqual(['deal.2']);
      expect(second.body.next).toBeUndefined();
    });

    it('answers with since only the rows that changed after an earlier answer, a little overlap included', async () => {
      const before = await listRecords(target!.server.url, alice, { type: 'deal' });
      expect(before.body.asOf).toBeGreaterThan(Date.now() - 60_000);
      // Everything so far was projected within the overlap; past it, nothing has changed yet.
      const storeClock = String(before.body.asOf! + SINCE_OVERLAP_MS);
      expect((await rows(alice, { type: 'deal', since: storeClock })).map((r) => r.id)).toEqual([]);
      const client = clients[0]!;
      writeField(client.doc, 'amount', 1300, { id: 'alice', name: 'alice' });
      await client.acknowledged();
      const changed = await waitFor(async () => (await rows(alice, { type: 'deal', since: storeClock }))[0], 'the edit to show as a change');
      expect(changed).toMatchObject({ id: 'deal.1', fields: { amount: 1300 } });
      expect((await rows(alice, { type: 'deal', since: before.body.asOf!.toString() })).length).toBe(2);
    });

    it('refuses bad queries with bad-request, and no token with unauthorized', async () => {
      const bad: Record<string, string>[] = [
        {},
        { type: '' },
        { type: 'deal;drop' },
        { type: 'x'.repeat(64) },
        { type: 'deal', limit: '0' },
        { type: 'deal', limit: '2001' },
        { type: 'deal', limit: '1e3' },
        { type: 'deal', cursor: 'not base64 !' },
        // A cursor naming another type's record.
        { type: 'deal', cursor: Buffer.from('contact.1').toString('base64url') },
        { type: 'deal', since: 'yesterday' },
        { type: 'deal', since: '-1' },
        { type: 'deal', since: '1.5' },
      ];
      for (const params of bad) {
        const response = await listRecords(target!.server.url, alice, params);
        expect({ params, status: response.status, error: response.body.error }).toEqual({ params, status: 400, error: 'bad-request' });
      }
      const anonymous = await listRecords(target!.server.url, undefined, { type: 'deal' });
      expect(anonymous.status).toBe(401);
    });
  });
}
