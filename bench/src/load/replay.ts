// Replays a recorded editing trace (where to get one: `--traces` in options.ts; the format is
// described in shared/test/traces/README.md) through the server: one writer applies each
// transaction to a Y.XmlText in the notes document's `content` (one update per transaction, at
// most `window` unacknowledged), one reader on another connection follows.
// Done when the reader's text equals the writer's and, for the whole trace, `endContent`.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { acknowledged, openClient, type Client } from './client.ts';
import { contentName } from './edits.ts';
import { collectProblems } from './fanout.ts';
import type { Command, ReplayResult } from './protocol.ts';

type ReplayCommand = Extract<Command, { kind: 'replay' }>;

interface Trace {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

export function readTrace(path: string): Trace {
  const trace = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Trace;
  // Trace positions count code points, Y.Text counts UTF-16 units: equal only without astral characters.
  if (/[\uD800-\uDFFF]/.test(trace.endContent + trace.startContent)) {
    throw new Error(`${path} has characters outside the BMP; positions would need converting`);
  }
  return trace;
}

function textOf(client: Client): Y.XmlText | undefined {
  const paragraph = client.ydoc.getXmlFragment(contentName).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
  return text instanceof Y.XmlText ? text : undefined;
}

export async function replay(command: ReplayCommand): Promise<ReplayResult> {
  const trace = readTrace(command.tracePath);
  const txns = trace.txns.slice(0, command.limit > 0 ? command.limit : undefined);
  const writer = await openClient(command.url, command.auth, command.doc, 'bench-writer', { awareness: false });
  const reader = await openClient(command.url, command.auth, command.doc, 'bench-reader', { awareness: false });
  try {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(trace.startContent)]);
    writer.ydoc.getXmlFragment(contentName).push([paragraph]);
    await until(() => textOf(reader) !== undefined, reader, 'the reader never saw the paragraph');
    const written = textOf(writer)!;

    const t0 = performance.now();
    let edits = 0;
    for (const txn of txns) {
      writer.ydoc.transact(() => {
        for (const [position, deleted, inserted] of txn.patches) {
          if (deleted > 0) written.delete(position, deleted);
          if (inserted) written.insert(position, inserted);
          edits += 1;
        }
      });
      if (writer.provider.unsyncedChanges > command.window) {
        await acknowledged(writer.provider, command.window >> 1);
        if (writer.problems.length) break;
      }
    }
    const expected = written.toString();
    await until(() => textOf(reader)?.length === expected.length && textOf(reader)?.toString() === expected, reader, 'the reader did not converge');
    const ms = performance.now() - t0;
    const whole = txns.length === trace.txns.length;
    return {
      edits,
      ms,
      textMatches: textOf(reader)?.toString() === expected && (!whole || expected === trace.endContent),
      textLength: expected.length,
      expectedLength: whole ? trace.endContent.length : expected.length,
      closeReasons: collectProblems([writer, reader]),
    };
  } finally {
    writer.close();
    reader.close();
  }
}

function until(condition: () => boolean, client: Client, failure: string, timeoutMs = 300_000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${failure} within ${timeoutMs} ms ${client.problems.join('; ')}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      client.ydoc.off('afterTransaction', check);
    };
    client.ydoc.on('afterTransaction', check);
  });
}
