/**
 * Search over a real server, for each backend: words and prefixes, accents and case, every kind
 * with its anchor, who may see what, paging, the archive, and hostile queries.
 */
import { appendParagraph, deleteMessage, editMessage, postMessage, setChannelMember } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestClient } from '../helpers/client.ts';
import type { TestServer } from '../helpers/server.ts';
import { signToken, type TestClaims } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor, writeSamples } from './fixtures.ts';

export interface SearchTarget {
  server: TestServer;
  close(): Promise<void>;
}

export function describeSearch(backend: string, start: () => Promise<SearchTarget>): void {
  describe(`search (${backend})`, () => {
    let target: SearchTarget | undefined;
    const clients: TestClient[] = [];
    const fixture = {
      get server(): TestServer {
        return target!.server;
      },
      async synced(name: string, claims: Partial<TestClaims> & { sub: string }): Promise<TestClient> {
        const client = connect(fixture.server.wsUrl, name, await signToken({ org: 'acme', ...claims }));
        clients.push(client);
        await client.synced();
        return client;
      },
    };
    afterAll(async () => {
      clients.splice(0).forEach((c) => c.destroy());
      await target?.close();
    });
    let ids: Awaited<ReturnType<typeof writeSamples>>;
    let bob: string;
    let alice: string;
    const find = async (token: string, q: string, extra: Record<string, string> = {}) => {
      const response = await search(fixture.server.url, token, { q, ...extra });
      expect(response.status).toBe(200);
      return response.body.results!;
    };

    beforeAll(async () => {
      target = await start();
      ids = await writeSamples((name, sub, org = 'acme') => fixture.synced(name, { sub, org, role: 'admin' }));
      [alice, bob] = await Promise.all([tokenFor('alice'), tokenFor('bob')]);
      await waitFor(async () => (await find(alice, 'globex')).length > 0, 'the samples to be indexed');
      await fixture.server.server.searchIdle();
    });

    it('finds whole words and the prefix of the last word, newest first, with the message as anchor', async () => {
      const results = await find(alice, 'northw');
      expect(results.map((r) => r.anchor)).toEqual([ids.teamMessage, ids.secretMessage, ids.generalMessage]);
      expect(results[2]).toMatchObject({ doc: 'acme:channel:general', kind: 'channel', title: 'general' });
      expect(results[2]!.snippet).toContain('Northwind');
      expect((await find(alice, 'lunch northwind')).map((r) => r.anchor)).toEqual([ids.generalMessage]);
      expect(await find(alice, 'northw lunch')).toEqual([]);
      expect(await find(alice, 'lun northwind')).toEqual([]);
    });

    it('ignores case and accents on both sides', async () => {
      expect((await find(alice, 'CAFE')).map((r) => r.anchor)).toEqual([ids.generalMessage]);
      expect((await find(alice, 'café')).map((r) => r.anchor)).toEqual([ids.generalMessage]);
      expect((await find(alice, 'united')).map((r) => r.anchor)).toEqual(['company']);
      expect((await find(alice, 'ÜNIT')).map((r) => r.anchor)).toEqual(['company']);
    });

    it('covers notes text and title, meeting title and agenda, form title and field values', async () => {
      expect(await find(alice, 'zebra')).toEqual([expect.objectContaining({ doc: 'acme:notes:plan', kind: 'notes', title: 'Quarterly plan' })]);
      expect((await find(alice, 'quarterly'))[0]).toMatchObject({ doc: 'acme:notes:plan' });
      expect((await find(alice, 'zebra'))[0]!.anchor).toBeUndefined();
      expect(await find(alice, 'orion')).toEqual([expect.objectContaining({ doc: 'acme:meeting:kickoff', kind: 'meeting', title: 'Kickoff Orion' })]);
      expect((await find(alice, 'budget'))[0]).toMatchObject({ doc: 'acme:meeting:kickoff' });
      expect(await find(alice, 'globex')).toEqual([expect.objectContaining({ doc: 'acme:form:deal.42', kind: 'form', title: 'Deal 42', anchor: 'company', snippet: 'Globex Ünited' })]);
      expect((await find(alice, 'deal'))[0]).toMatchObject({ doc: 'acme:form:deal.42' });
    });

    it('narrows to one kind', async () => {
      expect(await find(alice, 'northwind', { kind: 'notes' })).toEqual([]);
      expect((await find(alice, 'northwind', { kind: 'channel' })).length).toBe(3);
    });

    it('shows nothing from another org, or from private channels and DMs the caller is not a member of', async () => {
      const gina = await tokenFor('gina', 'globex');
      expect((await find(gina, 'northwind')).map((r) => r.doc)).toEqual(['globex:channel:general']);
      expect((await find(bob, 'northwind')).map((r) => r.anchor)).toEqual([ids.teamMessage, ids.generalMessage]);
      expect(await find(bob, 'gecko')).toEqual([]);
      expect((await find(await tokenFor('carol'), 'gecko'))).toEqual([expect.objectContaining({ doc: 'acme:channel:dm.alice.carol', anchor: ids.dmMessage, title: 'Alice, Carol' })]);
      const viewer = await tokenFor('vera', 'acme', 'viewer');
      expect((await find(viewer, 'northwind')).map((r) => r.anchor)).toEqual([ids.generalMessage]);
    });

    it('stops showing a private channel to a member once removed', async () => {
      const workspace = await fixture.synced('acme:workspace:main', { sub: 'alice', role: 'admin' });
      setChannelMember(workspace.doc, 'team', 'bob', false);
      await workspace.acknowledged();
      await waitFor(async () => !(await find(bob, 'northwind')).some((r) => r.anchor === ids.teamMessage), 'bob to lose the team channel');
      expect((await find(bob, 'northwind')).map((r) => r.anchor)).toEqual([ids.generalMessage]);
    });

    it('makes an edit searchable shortly after it is acknowledged', async () => {
      const channel = await fixture.synced('acme:channel:general', { sub: 'bob' });
      const message = postMessage(channel.doc, { text: 'Fresh quokka sighting', authorId: 'bob', authorName: 'Bob' });
      await channel.acknowledged();
      const found = await waitFor(async () => (await find(bob, 'quokka'))[0], 'the new message to be searchable', 5_000, 50);
      expect(found).toMatchObject({ doc: 'acme:channel:general', anchor: message.id });
    });

    it('follows edits and deletions: the old words stop matching, the new ones match', async () => {
      const channel = await fixture.synced('acme:channel:general', { sub: 'bob' });
      const message = postMessage(channel.doc, { text: 'Draft mongoose', authorId: 'bob', authorName: 'Bob' });
      const other = postMessage(channel.doc, { text: 'Doomed mongoose', authorId: 'bob', authorName: 'Bob' });
      await channel.acknowledged();
      await waitFor(async () => (await find(bob, 'mongoose')).length === 2, 'both messages to be searchable', 5_000, 50);
      editMessage(channel.doc, message.id, 'Final meerkat');
      deleteMessage(channel.doc, other.id);
      await channel.acknowledged();
      await waitFor(async () => (await find(bob, 'meerkat'))[0]?.anchor === message.id, 'the edit to be searchable', 5_000, 50);
      expect(await find(bob, 'mongoose')).toEqual([]);

      const notes = await fixture.synced('acme:notes:plan', { sub: 'bob' });
      appendParagraph(notes.doc, 'Added iguana paragraph');
      await notes.acknowledged();
      await waitFor(async () => (await find(bob, 'iguana'))[0]?.doc === 'acme:notes:plan', 'the notes edit to be searchable', 5_000, 50);
      expect((await find(bob, 'zebra'))[0]?.doc).toBe('acme:notes:plan');
    });

    it('indexes a page typed into without a pause while the typing goes on, and its final text once it stops', async () => {
      const notes = await fixture.synced('acme:notes:typing', { sub: 'bob' });
      const deadline = Date.now() + 10_000;
      let typed = 0;
      // A word about every 100 ms: never the pause the debounce waits for, so only the longest wait indexes it.
      for (;;) {
        appendParagraph(notes.doc, `steady word${typed}x`);
        typed += 1;
        await notes.acknowledged();
        if ((await find(bob, 'word0x')).some((r) => r.doc === 'acme:notes:typing')) break;
        expect(Date.now(), 'the first word to be searchable while typing goes on').toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const last = `word${typed - 1}x`;
      await waitFor(async () => (await find(bob, last))[0]?.doc === 'acme:notes:typing', 'the last word to be searchable', 5_000, 50);
    });

    it('pages newest first with an opaque cursor', async () => {
      const channel = await fixture.synced('acme:channel:general', { sub: 'bob' });
      const posted = [];
      for (let i = 0; i < 5; i += 1) posted.push(postMessage(channel.doc, { text: `pager item ${i}`, authorId: 'bob', authorName: 'Bob', createdAt: 1_000 + i }).id);
      await channel.acknowledged();
      await waitFor(async () => (await find(bob, 'pager')).length === 5, 'the messages to be indexed');
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page += 1) {
        const response = await search(fixture.server.url, bob, { q: 'pager', limit: '2', ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        seen.push(...response.body.results!.map((r) => r.anchor!));
        cursor = response.body.next;
        if (!cursor) break;
      }
      expect(seen).toEqual([...posted].reverse());
    });

    it('finds archived messages', async () => {
      const channel = await fixture.synced('acme:channel:busy', { sub: 'bob' });
      const first = postMessage(channel.doc, { text: 'Oldest wombat remark', authorId: 'bob', authorName: 'Bob', createdAt: 10 });
      channel.doc.transact(() => {
        for (let i = 0; i < 1_005; i += 1) postMessage(channel.doc, { text: `filler ${i}`, authorId: 'bob', authorName: 'Bob', createdAt: 20 + i });
      });
      await channel.acknowledged();
      await waitFor(() => !channel.doc.getArray('messages').toArray().some((m) => (m as { get(k: string): unknown }).get('id') === first.id), 'the oldest message to be archived', 20_000, 50);
      await fixture.server.server.searchIdle();
      const found = await waitFor(async () => (await find(bob, 'wombat'))[0], 'the archived message to be searchable', 10_000, 50);
      expect(found).toMatchObject({ doc: 'acme:channel:busy', anchor: first.id, at: 10 });
    });

    it('answers hostile queries with bad-request or an empty list, never a server error', async () => {
      const hostile = [
        '"', '""', '*', 'north*', 'NEAR(a b)', 'a OR b', 'a AND NOT b', '-a', '^a', 'title:northwind', '{title}: x', '(', ')', 'a"b', "'", "'; DROP TABLE search_entries; --",
        '\u0000', '\uFFFF', '\uD800', '🦄', '💥 northwind', 'x'.repeat(501), 'word '.repeat(40), 'a'.repeat(200), '%', '\\', '&|!:*', "north' & 'wind", ':*', 'é'.repeat(100), ' ', '\t\n',
      ];
      for (const q of hostile) {
        const response = await search(fixture.server.url, alice, { q });
        expect([200, 400], `status for ${JSON.stringify(q)}`).toContain(response.status);
        if (response.status === 400) expect(response.body.error).toBe('bad-request');
        else expect(Array.isArray(response.body.results)).toBe(true);
      }
      expect((await search(fixture.server.url, alice, { q: 'north*' })).body.results!.length).toBe(3);
      const badParams: Array<Record<string, string>> = [{}, { q: '' }, { q: 'x', kind: 'inbox' }, { q: 'x', limit: '0' }, { q: 'x', limit: '51' }, { q: 'x', limit: '1.5' }, { q: 'x', cursor: 'nope' }, { q: 'x', cursor: 'x'.repeat(1000) }];
      for (const params of badParams) {
        const response = await search(fixture.server.url, alice, params);
        expect(response.status, JSON.stringify(params)).toBe(400);
        expect(response.body.error).toBe('bad-request');
      }
      expect((await search(fixture.server.url, undefined, { q: 'northwind' })).status).toBe(401);
      expect((await search(fixture.server.url, 'not-a-token', { q: 'northwind' })).status).toBe(401);
    });
  });
}
