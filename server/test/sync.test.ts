import { readNotesTitle, setNotesTitle } from '@concord/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type TestClient } from './helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from './helpers/server.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const DOC = 'acme:notes:sync-1';

describe('syncing documents', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('passes an edit from one client to another', async () => {
    const server = await startTestServer();
    servers.push(server);
    const ana = connect(server.wsUrl, DOC, await signToken({ sub: 'ana', org: 'acme' }));
    const ben = connect(server.wsUrl, DOC, await signToken({ sub: 'ben', org: 'acme' }));
    clients.push(ana, ben);
    await Promise.all([ana.synced(), ben.synced()]);

    setNotesTitle(ana.doc, 'Quarterly plan');
    await waitFor(() => readNotesTitle(ben.doc) === 'Quarterly plan', 'ben to see the title');
    setNotesTitle(ben.doc, 'Quarterly plan v2');
    await waitFor(() => readNotesTitle(ana.doc) === 'Quarterly plan v2', 'ana to see the new title');
  });

  it('serves what was written after a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const writer = connect(first.wsUrl, DOC, await signToken({ sub: 'ana', org: 'acme' }));
    await writer.synced();
    setNotesTitle(writer.doc, 'Survives restarts');
    await writer.acknowledged();
    writer.destroy();
    await first.close();

    const second = await startTestServer({ dataDir });
    servers.push(second);
    const reader = connect(second.wsUrl, DOC, await signToken({ sub: 'ben', org: 'acme' }));
    clients.push(reader);
    await reader.synced();
    expect(readNotesTitle(reader.doc)).toBe('Survives restarts');
  });
});
