/**
 * What a presence flood costs the server (issue 10): one editor sends awareness frames of 3,500
 * made-up client ids each (about 24 KB), each over a connection of its own that stays open, while
 * one observer watches the document. Prints the server's RSS before and after and how many states reached the observer.
 * `npx tsx bench/src/awareness-flood.ts [frames]` (default 40), against the working tree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startChildServer } from '../../server/test/helpers/child-server.ts';
import { openRawClient } from '../../server/test/helpers/raw-client.ts';
import { TEST_SECRET, signToken } from '../../server/test/helpers/tokens.ts';
import { rssBytes } from './proc-stats.ts';

const FRAMES = Number(process.argv[2] ?? 40);
const IDS_PER_FRAME = 3_500;
const NAME = 'bench:notes:flood';
const MB = 1024 * 1024;

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-flood-'));
const server = await startChildServer({ AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir, RATE_LIMIT_PER_SECOND: '100000' });
try {
  const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket });
  const observer = new HocuspocusProvider({ websocketProvider: socket, name: NAME, token: await signToken({ sub: 'obs', org: 'bench' }), document: new Y.Doc() });
  observer.attach();
  observer.setAwarenessField('user', { id: 'obs', name: 'Obs', color: '#3366ff' });
  await until(() => observer.isSynced, 'the observer to sync');
  let mostStatesSeen = 0;
  observer.awareness!.on('change', () => (mostStatesSeen = Math.max(mostStatesSeen, observer.awareness!.getStates().size)));
  const rssBefore = rssBytes(server.process.pid!);

  const token = await signToken({ sub: 'mal', org: 'bench' });
  let refused = 0;
  const attackers: WebSocket[] = [];
  for (let frame = 0; frame < FRAMES; frame += 1) {
    const raw = await openRawClient(server.wsUrl);
    attackers.push(raw.socket);
    await raw.authenticate(NAME, token);
    const outcome = raw.nextOutcome();
    const first = 1_000_000 + frame * IDS_PER_FRAME;
    raw.sendAwareness(NAME, Array.from({ length: IDS_PER_FRAME }, (_, i) => ({ clientId: first + i, clock: 1, state: {} })));
    // An empty update: its acknowledgement says the frame before it was handled.
    raw.sendUpdate(NAME, new Uint8Array([0, 0]));
    if ((await outcome).kind === 'closed') refused += 1;
    // Stay under the 20 connection attempts per second and address.
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const rssAfter = rssBytes(server.process.pid!);
  console.log(`${FRAMES} frames × ${IDS_PER_FRAME} made-up client ids: ${refused} refused`);
  console.log(`server RSS ${(rssBefore / MB).toFixed(0)} MB → ${(rssAfter / MB).toFixed(0)} MB (${((rssAfter - rssBefore) / MB).toFixed(0)} MB more)`);
  console.log(`most awareness states the observer held at once: ${mostStatesSeen}`);
  attackers.forEach((attacker) => attacker.close());
  observer.destroy();
  socket.destroy();
} finally {
  server.process.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
