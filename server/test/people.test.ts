/**
 * The people directory (docs/PROTOCOL.md, "People"): written by the server the first time someone
 * connects to any document of their org, `lastSeenAt` refreshed no more than once per period while
 * they stay connected, never visible to another org, and stored like any other write.
 */
import { getPerson, listPeople, workspacePeople } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from './helpers/client.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const REFRESH_MS = 300;
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ deps: { peopleRefreshMs: REFRESH_MS } });
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
});

async function open(name: string, sub: string, org = 'acme', extra: { name?: string; role?: 'viewer' | 'editor' | 'admin' } = {}): Promise<TestClient> {
  const client = connect(server.wsUrl, name, await signToken({ sub, org, ...extra }));
  clients.push(client);
  await client.synced();
  return client;
}

async function storedWorkspace(org: string): Promise<Y.Doc> {
  const stored = await server.server.storage.load(`${org}:workspace:main`);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  stored.updates.forEach((u) => Y.applyUpdate(doc, u));
  return doc;
}

describe('the people directory', () => {
  it('has an entry for someone who only ever opened a channel, with their token’s name and role, and stores it', async () => {
    const before = Date.now();
    const bo = await open('acme:channel:general', 'bo', 'acme', { name: 'Bo Berg', role: 'viewer' });
    const ana = await open('acme:workspace:main', 'ana');
    const person = await waitFor(() => getPerson(ana.doc, 'bo'), 'bo in the directory');
    expect(person).toMatchObject({ id: 'bo', name: 'Bo Berg', role: 'viewer' });
    expect(person.joinedAt).toBeGreaterThanOrEqual(before);
    expect(person.lastSeenAt).toBe(person.joinedAt);
    expect(bo.refusals).toEqual([]);
    await waitFor(async () => getPerson(await storedWorkspace('acme'), 'bo'), 'bo’s entry to be stored');
    expect(listPeople(ana.doc).map((p) => p.id)).toEqual(expect.arrayContaining(['ana', 'bo']));
  });

  it('moves lastSeenAt while someone stays connected, never twice within the period however many documents they hold', async () => {
    const watcher = await open('acme:workspace:main', 'wes');
    const connectionsBefore = server.server.hocuspocus.getConnectionsCount();
    const seen: number[] = [];
    const onChange = () => {
      const at = getPerson(watcher.doc, 'cy')?.lastSeenAt;
      if (at !== undefined && at !== seen.at(-1)) seen.push(at);
    };
    watcher.doc.on('update', onChange);
    const cy = await Promise.all(['acme:channel:general', 'acme:notes:plan', 'acme:meeting:standup'].map((name) => open(name, 'cy')));
    await waitFor(() => seen.length >= 4, 'three refreshes of cy’s lastSeenAt');
    const joinedAt = getPerson(watcher.doc, 'cy')!.joinedAt;
    expect(seen[0]).toBe(joinedAt);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(REFRESH_MS);

    // Once cy has gone, cy's entry stays still while someone else's keeps moving.
    cy.forEach((c) => c.destroy());
    await waitFor(() => server.server.hocuspocus.getConnectionsCount() === connectionsBefore, 'cy’s connections to close');
    const leftAt = getPerson(watcher.doc, 'cy')!.lastSeenAt;
    const wesSeen = getPerson(watcher.doc, 'wes')!.lastSeenAt;
    await waitFor(() => getPerson(watcher.doc, 'wes')!.lastSeenAt >= wesSeen + 2 * REFRESH_MS, 'two refreshes of wes');
    expect(getPerson(watcher.doc, 'cy')!.lastSeenAt).toBe(leftAt);
    watcher.doc.off('update', onChange);
  });

  it('keeps each org’s people to itself', async () => {
    await open('acme:notes:plan', 'dee');
    const zed = await open('globex:workspace:main', 'zed', 'globex');
    await waitFor(() => getPerson(zed.doc, 'zed'), 'zed in globex’s directory');
    const acme = await open('acme:workspace:main', 'ana');
    await waitFor(() => getPerson(acme.doc, 'dee'), 'dee in acme’s directory');
    expect(workspacePeople(zed.doc).has('dee')).toBe(false);
    expect(workspacePeople(acme.doc).has('zed')).toBe(false);
    expect(getPerson(await storedWorkspace('globex'), 'dee')).toBeUndefined();
  });
});
