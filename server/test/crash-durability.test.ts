import { describe, expect, it } from 'vitest';
import { notesContent } from '@concord/shared';
import * as Y from 'yjs';
import { connect } from './helpers/client.ts';
import { useChildServers } from './helpers/child-server-fixture.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const ROUNDS = 20;
const EDITS_PER_ROUND = 3;
const DOC = 'acme:notes:crash';
/** Writers editing at once, so their appends share group commits. */
const WRITERS = 6;
const MAX_BURSTS = 100;

function paragraphs(doc: Y.Doc): string[] {
  return notesContent(doc).toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  notesContent(doc).push([paragraph]);
}

describe('acknowledged means durable', () => {
  const { dataDir, start } = useChildServers();

  it(`loses no acknowledged edit when the server is SIGKILLed right after the acknowledgement, ${ROUNDS} rounds`, async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const written: string[] = [];
    let lost = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const live = await start();
      const client = connect(live.wsUrl, DOC, token);
      await client.synced();
      const seen = paragraphs(client.doc);
      lost += written.filter((text) => !seen.includes(text)).length;
      for (let edit = 0; edit < EDITS_PER_ROUND; edit += 1) {
        const text = `round ${round} edit ${edit}`;
        addParagraph(client.doc, text);
        written.push(text);
      }
      await client.acknowledged();
      live.process.kill('SIGKILL');
      await live.exited;
      client.destroy();
    }
    const live = await start();
    const reader = connect(live.wsUrl, DOC, token);
    await reader.synced();
    const final = paragraphs(reader.doc);
    reader.destroy();
    lost += written.filter((text) => !final.includes(text)).length;
    expect(lost).toBe(0);
    expect(final).toHaveLength(ROUNDS * EDITS_PER_ROUND);
  }, 120_000);

  it('stops cleanly on SIGTERM, compacting open documents first', async () => {
    const server = await start();
    const client = connect(server.wsUrl, DOC, await signToken({ sub: 'ana', org: 'acme' }));
    await client.synced();
    addParagraph(client.doc, 'before SIGTERM');
    await client.acknowledged();
    server.process.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    client.destroy();
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));

    const { createSqliteStorage } = await import('../src/storage/sqlite.ts');
    const storage = createSqliteStorage({ dataDir, durability: 'wal' });
    const stored = await storage.load(DOC);
    await storage.close();
    expect(stored.updates).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(paragraphs(doc)).toContain('before SIGTERM');
  }, 60_000);
});

/**
 * CONCORD_TEST_CRASH_AT makes the child SQLite server SIGKILL itself inside the first group commit
 * of two or more appends (server/src/storage/test-crash.ts), having logged which documents the
 * batch held. After acknowledged edits, writers edit at once in bursts, each acknowledged before
 * the next, until the server dies; a restart must then hold every acknowledged edit, only whole edits, and, of the
 * burst that was in flight, exactly what the crash point implies.
 */
describe.each([
  { at: 'after-commit', what: 'between a batch commit and its acknowledgements' },
  { at: 'mid-batch', what: 'in the middle of writing a batch' },
] as const)('a crash $what', ({ at }) => {
  const { start } = useChildServers();

  it('loses no acknowledged edit and leaves no part of an unacknowledged batch behind', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const acknowledged: string[] = [];
    // Acknowledged edits from before, on a server without the crash point: the page exists (and
    // the directory has its entry, a server-side write), so the crash comes in a burst below.
    const before = await start();
    const first = connect(before.wsUrl, DOC, token);
    await first.synced();
    for (let i = 0; i < WRITERS; i += 1) {
      acknowledged.push(`before ${i}`);
      addParagraph(first.doc, `before ${i}`);
      await first.acknowledged();
    }
    first.destroy();
    before.process.kill('SIGKILL');
    await before.exited;

    const live = await start({ CONCORD_TEST_CRASH_AT: at });
    const writers = Array.from({ length: WRITERS }, () => connect(live.wsUrl, DOC, token));
    await Promise.all(writers.map((w) => w.synced()));
    let inFlight: string[] = [];
    const died = live.exited.then(() => 'died' as const);
    for (let burst = 0; burst < MAX_BURSTS; burst += 1) {
      // In one turn: the server reads them together and commits them as one batch.
      inFlight = writers.map((writer, w) => {
        const text = `burst ${burst} writer ${w}`;
        addParagraph(writer.doc, text);
        return text;
      });
      const outcome = await Promise.race([Promise.all(writers.map((w) => w.acknowledged())).then(() => 'acknowledged' as const), died]);
      if (outcome === 'died') break;
      acknowledged.push(...inFlight);
      inFlight = [];
    }
    expect(await live.exited).toEqual({ code: null, signal: 'SIGKILL' });
    writers.forEach((w) => w.destroy());
    const crash = await waitFor(() => live.logs.find((line) => line.crashAt === at), 'the crash to be logged');
    const crashedAppends = (crash.documents as string[]).filter((name) => name === DOC).length;
    expect(crashedAppends).toBeGreaterThanOrEqual(1);

    const restarted = await start();
    const reader = connect(restarted.wsUrl, DOC, token);
    await reader.synced();
    const final = paragraphs(reader.doc);
    reader.destroy();

    expect(acknowledged.filter((text) => !final.includes(text))).toEqual([]);
    // Whole edits only, each once: nothing half written, nothing doubled.
    expect(final.filter((text) => !acknowledged.includes(text) && !inFlight.includes(text))).toEqual([]);
    expect(new Set(final).size).toBe(final.length);
    const inFlightKept = inFlight.filter((text) => final.includes(text)).length;
    if (at === 'after-commit') {
      // Committed but never acknowledged: kept (the client would resend it; Yjs takes it once).
      expect(inFlightKept).toBeGreaterThanOrEqual(crashedAppends);
    } else {
      // The transaction never committed: none of the batch, not even the half already written.
      expect(inFlightKept).toBeLessThanOrEqual(inFlight.length - crashedAppends);
    }
  }, 120_000);
});
