/**
 * The pipeline's stages alone (server/src/pipeline/): each a plain function with a typed input and
 * output, on real Yjs documents and real SQLite storage.
 */
import { rmSync } from 'node:fs';
import { parseDocName, postMessage, type DocName } from '@concord/shared';
import { OutgoingMessage } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Identity } from '../../src/auth/claims.ts';
import { durableLog } from '../../src/extensions/durable-log.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { append } from '../../src/pipeline/append.ts';
import { check, checkSender } from '../../src/pipeline/check.ts';
import { readIncoming, SERVER_AUTHOR, trafficLabel, type Author, type IncomingUpdate } from '../../src/pipeline/incoming.ts';
import { createReact, type AppliedUpdate } from '../../src/pipeline/react.ts';
import { createRefuse } from '../../src/pipeline/refuse.ts';
import { ConcordError } from '../../src/errors.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../src/protocol/frame.ts';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';
import { frameFor } from '../helpers/raw-client.ts';
import { tempDir } from '../helpers/server.ts';

const logger = createLogger('silent');
const ana: Identity = { userId: 'ana', name: 'Ana', org: 'acme', role: 'editor' };
const channel = docName('acme:channel:general');

function docName(raw: string): DocName {
  const parsed = parseDocName(raw);
  if (!parsed.ok) throw new Error(raw);
  return parsed.name;
}

function clientAuthor(identity = ana, readOnly = false): Author {
  return { kind: 'connection', context: { identity, doc: channel }, readOnly };
}

/** What a client's document holds after `write`, as the update it would send. */
function clientUpdate(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (made: Uint8Array) => (update = made));
  write(doc);
  return update;
}

function incomingFrom(update: Uint8Array, author = clientAuthor()): IncomingUpdate {
  return { documentName: 'acme:channel:general', document: new Y.Doc(), author, update };
}

describe('incoming: a frame read once', () => {
  const source = { documentName: 'acme:channel:general', document: new Y.Doc(), author: clientAuthor() };

  it('reads a document update with its document and author', () => {
    const update = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'ana', authorName: 'Ana' }));
    const frame = new OutgoingMessage('acme:channel:general').createSyncMessage().writeUpdate(update).toUint8Array();
    const incoming = readIncoming(frame, source);
    expect(incoming.kind).toBe('document-update');
    if (incoming.kind !== 'document-update') return;
    expect(incoming.update.update).toEqual(update);
    expect(incoming.update.document).toBe(source.document);
    expect(incoming.update.author).toBe(source.author);
    expect(trafficLabel(incoming)).toBe('document-update');
  });

  it('tells an empty sync step 2 apart, and counts it as a document update', () => {
    const frame = frameFor('acme:channel:general', (encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
    });
    const incoming = readIncoming(frame, source);
    expect(incoming).toEqual({ kind: 'empty-update' });
    expect(trafficLabel(incoming)).toBe('document-update');
  });

  it('reads awareness, other messages and frames that do not decode', () => {
    const awareness = frameFor('acme:channel:general', (encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, new Uint8Array([1, 2, 3]));
    });
    expect(readIncoming(awareness, source)).toEqual({ kind: 'awareness', states: new Uint8Array([1, 2, 3]) });
    const query = frameFor('acme:channel:general', (encoder) => encoding.writeVarUint(encoder, 3));
    expect(trafficLabel(readIncoming(query, source))).toBe('type-3');
    const cut = frameFor('acme:channel:general', (encoder) => encoding.writeVarUint(encoder, MESSAGE_SYNC)).subarray(0, 5);
    expect(readIncoming(cut, source)).toEqual({ kind: 'malformed' });
    expect(readIncoming(new Uint8Array([0xff]), source)).toEqual({ kind: 'malformed' });
  });
});

describe('check', () => {
  it('refuses a sender whose token has expired before taking from its rate', () => {
    let taken = 0;
    const takeFrame = () => ++taken <= 1;
    const expired = checkSender({ identity: { ...ana, expiresAt: 1_000 }, takeFrame, rateLimitPerSecond: 1, now: 1_000 });
    expect(expired?.errorCode).toBe('token-expired');
    expect(taken).toBe(0);
    expect(checkSender({ identity: { ...ana, expiresAt: 2_000 }, takeFrame, rateLimitPerSecond: 1, now: 1_000 })).toBeNull();
    expect(checkSender({ identity: ana, takeFrame, rateLimitPerSecond: 1, now: 1_000 })?.errorCode).toBe('rate-limited');
  });

  it('accepts a valid update with the changes it makes', () => {
    const update = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'ana', authorName: 'Ana' }));
    const checked = check(incomingFrom(update));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.update.changes.length).toBeGreaterThan(0);
  });

  it('refuses an update that claims another author, and any update from a read-only connection', () => {
    const forged = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'bo', authorName: 'Bo' }));
    const refused = check(incomingFrom(forged));
    expect(refused.ok ? null : refused.refusal.errorCode).toBe('impersonation');
    const valid = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'ana', authorName: 'Ana' }));
    const viewer = check(incomingFrom(valid, clientAuthor(ana, true)));
    expect(viewer.ok ? null : viewer.refusal.errorCode).toBe('read-only');
  });

  it('passes the server its own writes, which no client rule would allow', () => {
    const forged = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'bo', authorName: 'Bo' }));
    const checked = check(incomingFrom(forged, SERVER_AUTHOR));
    expect(checked).toMatchObject({ ok: true, update: { changes: [] } });
  });
});

describe('append', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function logIn() {
    const dir = tempDir();
    dirs.push(dir);
    const storage = createSqliteStorage({ dataDir: dir, durability: 'wal' });
    const metrics = createMetrics(() => ({ connections: 0, documents: 0 }));
    return { storage, log: durableLog({ storage, logger, metrics }) };
  }

  it('resolves once the update is in the document log', async () => {
    const { storage, log } = await logIn();
    const update = clientUpdate((doc) => postMessage(doc, { id: 'm1', text: 'hi', authorId: 'ana', authorName: 'Ana' }));
    const checked = { ...incomingFrom(update), changes: [] };
    expect(await append(log, checked, logger)).toEqual({ ok: true, update: checked });
    expect((await storage.load('acme:channel:general')).updates).toEqual([update]);
    await storage.close();
  });

  it('refuses with storage-unavailable when storage cannot take it', async () => {
    const { storage, log } = await logIn();
    await storage.close();
    const result = await append(log, { ...incomingFrom(new Uint8Array([1, 2])), changes: [] }, logger);
    expect(result.ok ? null : result.refusal.errorCode).toBe('storage-unavailable');
  });
});

describe('react', () => {
  const applied: AppliedUpdate = { documentName: 'acme:channel:general', document: new Y.Doc(), author: { identity: ana, doc: channel }, changes: [] };

  it('runs each reaction in the list in order, off the caller, and goes on past one that fails', async () => {
    const ran: string[] = [];
    const react = createReact(
      [
        { name: 'first', react: async () => void ran.push('first') },
        { name: 'failing', react: async () => { ran.push('failing'); throw new Error('down'); } },
        { name: 'last', react: async (update) => void ran.push(`last ${update.author.identity.userId}`) },
      ],
      logger,
    );
    react(applied);
    expect(ran).toEqual([]);
    await react.idle();
    expect(ran).toEqual(['first', 'failing', 'last ana']);
  });
});

describe('refuse', () => {
  it('counts every refusal once under its code, with or without a connection to close', async () => {
    const metrics = createMetrics(() => ({ connections: 0, documents: 0 }));
    const refuse = createRefuse({ logger, metrics });
    const error = new ConcordError('storage-unavailable');
    expect(refuse(error, { documentName: 'acme:channel:general' })).toBe(error);
    refuse(new ConcordError('rate-limited'), { address: '127.0.0.1' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('concord_refusals_total{code="storage-unavailable"} 1');
    expect(text).toContain('concord_refusals_total{code="rate-limited"} 1');
  });
});
