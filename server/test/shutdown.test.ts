/**
 * SIGTERM (`docker stop`, a test runner's teardown) must end the server well within a container's
 * 10 s stop timeout, compacting open documents first, whatever state its log output is in.
 */
import { describe, expect, it } from 'vitest';
import { notesContent } from '@concord/shared';
import * as Y from 'yjs';
import { connect } from './helpers/client.ts';
import type { ChildServer } from './helpers/child-server.ts';
import { useChildServers } from './helpers/child-server-fixture.ts';
import { signToken } from './helpers/tokens.ts';

const DOC = 'acme:notes:shutdown';
/** Far above the tens of milliseconds a stop takes, far below a container's stop timeout. */
const STOP_DEADLINE_MS = 5_000;

function exitWithin(server: ChildServer, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'still running'> {
  return Promise.race([server.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

describe('stopping on SIGTERM', () => {
  const { dataDir, start } = useChildServers();

  it('exits 0 within the deadline with a client connected after whoever read its log has gone, and compacts first', async () => {
    const server = await start();
    const client = connect(server.wsUrl, DOC, await signToken({ sub: 'ana', org: 'acme' }));
    await client.synced();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('before SIGTERM')]);
    notesContent(client.doc).push([paragraph]);
    await client.acknowledged();

    // A test runner that died, a log shipper that went away: the server's stdout is a broken pipe.
    server.process.stdout!.destroy();
    server.process.stderr!.destroy();
    server.process.kill('SIGTERM');
    expect(await exitWithin(server, STOP_DEADLINE_MS)).toEqual({ code: 0, signal: null });
    client.destroy();

    const { createSqliteStorage } = await import('../src/storage/sqlite.ts');
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const stored = await storage.load(DOC);
    await storage.close();
    expect(stored.updates).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(notesContent(doc).toJSON()).toContain('before SIGTERM');
  }, 60_000);

  it('exits 0 within the deadline when nothing is open and whoever read its log has gone', async () => {
    const server = await start();
    server.process.stdout!.destroy();
    server.process.stderr!.destroy();
    server.process.kill('SIGTERM');
    expect(await exitWithin(server, STOP_DEADLINE_MS)).toEqual({ code: 0, signal: null });
  });
});
