/**
 * A client's update reaches the other connections in the turn of the event loop its commit ran in,
 * not a turn later behind every socket read of the next (pipeline.ts; docs/ARCHITECTURE.md,
 * "Broadcast in the commit's turn"). Server and clients share this process's event loop, so the
 * test counts its turns — not time: a `setImmediate` that re-arms itself bumps a counter in each
 * turn's check phase, ahead of the group commit's own `setImmediate` (queued later, when the frame
 * is read). The commit notes the count; the peer notes it when the update arrives, in the poll phase
 * of the next turn if the broadcast left with the commit, of the one after if it waited.
 */
import { appendParagraph, notesPlainText } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import type { DocumentStorage } from '../../src/storage/storage.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

const NAME = 'acme:notes:broadcast-turn';

describe('the broadcast of a committed update', () => {
  let turn = 0;
  let spinning = true;
  const spin = () => {
    turn += 1;
    if (spinning) setImmediate(spin);
  };
  let server: TestServer;
  const clients: TestClient[] = [];
  const commits: Array<{ turn: number }> = [];

  beforeAll(async () => {
    const dataDir = tempDir();
    const inner = createSqliteStorage({ dataDir, durability: 'wal' });
    // Real SQLite, watched: the turn in which each append's commit finished.
    const storage: DocumentStorage = {
      ...inner,
      async append(name, update) {
        await inner.append(name, update);
        if (name === NAME) commits.push({ turn });
      },
    };
    server = await startTestServer({ dataDir, deps: { storage } });
  });

  afterAll(async () => {
    spinning = false;
    clients.forEach((client) => client.destroy());
    await server.close();
  });

  it('leaves in the turn its commit ran in', async () => {
    const [writer, peer] = await Promise.all(['ana', 'bo'].map(async (sub) => connect(server.wsUrl, NAME, await signToken({ sub, org: 'acme' }))));
    clients.push(writer!, peer!);
    await Promise.all(clients.map((client) => client.synced()));
    const arrivals: number[] = [];
    peer!.doc.on('update', () => arrivals.push(turn));
    setImmediate(spin);

    for (let i = 0; i < 5; i += 1) {
      commits.length = 0;
      arrivals.length = 0;
      appendParagraph(writer!.doc, `edit ${i}`);
      await waitFor(() => notesPlainText(peer!.doc) === notesPlainText(writer!.doc) || undefined, `edit ${i} at the peer`);
      expect(commits).toHaveLength(1);
      // The peer's poll phase right after the commit's check phase: the counter has not moved.
      expect(arrivals, `edit ${i}: committed in turn ${commits[0]!.turn}`).toEqual([commits[0]!.turn]);
    }
  });
});
