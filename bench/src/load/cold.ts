// Building a large document through the server, and timing its load after a restart.
import * as Y from 'yjs';
import { acknowledged, openClient } from './client.ts';
import { appendFiller } from './edits.ts';
import type { Command, FillResult, LoadResult } from './protocol.ts';

type FillCommand = Extract<Command, { kind: 'fill' }>;
type LoadCommand = Extract<Command, { kind: 'load' }>;

// Each update stays well under Concord's 1 MiB MAX_MESSAGE_BYTES.
const chunkBytes = 128 * 1024;

export async function fill(command: FillCommand): Promise<FillResult> {
  const client = await openClient(command.url, command.auth, command.doc, 'bench-filler', { awareness: false });
  try {
    for (let written = 0; written < command.bytes; written += chunkBytes) {
      appendFiller(client.ydoc, Math.min(chunkBytes, command.bytes - written));
      await acknowledged(client.provider, 4);
      if (client.problems.length) throw new Error(`fill refused: ${client.problems.join('; ')}`);
    }
    await acknowledged(client.provider);
    return { bytes: Y.encodeStateAsUpdate(client.ydoc).byteLength };
  } finally {
    client.close();
  }
}

/** Time from creating the provider (connect, authenticate, sync) to synced. */
export async function load(command: LoadCommand): Promise<LoadResult> {
  const t0 = performance.now();
  const client = await openClient(command.url, command.auth, command.doc, 'bench-loader', { awareness: false, timeoutMs: 60_000 });
  const ms = performance.now() - t0;
  const bytes = Y.encodeStateAsUpdate(client.ydoc).byteLength;
  client.close();
  if (bytes < command.expectBytes * 0.99) throw new Error(`loaded ${bytes} bytes, expected ${command.expectBytes}`);
  return { ms, bytes };
}
