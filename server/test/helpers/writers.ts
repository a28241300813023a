/**
 * Clients that keep writing while something happens to the servers behind them (a backup, an
 * instance killed), each remembering when it sent every edit and when the server acknowledged it:
 * an acknowledged edit is one the server must never lose.
 */
import * as Y from 'yjs';
import { connect, type TestClient } from './client.ts';
import { waitFor } from './wait.ts';

export interface Edit {
  document: string;
  text: string;
  /** Date.now() before the edit was made locally. */
  sentAt: number;
  /** Date.now() once the client saw every edit up to this one acknowledged (a little after the ack). */
  ackedAt?: number;
}

export interface Writers {
  clients: TestClient[];
  edits: Edit[];
  /** Waits until every writer has had `count` more edits acknowledged. */
  progress(count: number, timeoutMs?: number): Promise<void>;
  /** Stops writing and waits for every edit already made to be acknowledged. */
  stop(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export function paragraphs(doc: Y.Doc): string[] {
  return doc.getXmlFragment('content').toArray().map((node) => (node as Y.XmlElement).toArray().map(String).join(''));
}

export function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([paragraph]);
}

/**
 * One writer per (document, token) pair, each in a closed loop: a paragraph, then its ack, then the
 * next. `wsUrl` may change under them (a load balancer's instances dying); the provider reconnects.
 */
export function startWriters(wsUrl: string, writers: Array<{ document: string; token: string; name: string }>): Writers {
  const edits: Edit[] = [];
  const acknowledgedCount = new Map<string, number>();
  let running = true;
  const clients = writers.map(({ document, token }) => connect(wsUrl, document, token));
  const loops = writers.map(async ({ document, name }, index) => {
    const client = clients[index]!;
    const acknowledged = () => client.provider.isSynced && client.provider.unsyncedChanges === 0;
    await waitFor(acknowledged, `${name} to sync`, 30_000);
    for (let n = 0; running; n++) {
      const edit: Edit = { document, text: `${name} ${n}`, sentAt: Date.now() };
      edits.push(edit);
      addParagraph(client.doc, edit.text);
      // Long deadline: across a failover the ack comes from the other instance after the reconnect.
      await waitFor(acknowledged, `${name}'s edit ${n} to be acknowledged`, 60_000, 5);
      edit.ackedAt = Date.now();
      acknowledgedCount.set(name, n + 1);
    }
  });
  const failed = Promise.all(loops).then(() => undefined);
  // Reported by progress() and stop(); a failure before either is called is not unhandled.
  failed.catch(() => undefined);
  return {
    clients,
    edits,
    async progress(count, timeoutMs = 30_000) {
      const target = new Map(writers.map(({ name }) => [name, (acknowledgedCount.get(name) ?? 0) + count]));
      await Promise.race([
        failed,
        waitFor(() => writers.every(({ name }) => (acknowledgedCount.get(name) ?? 0) >= target.get(name)!), `every writer to have ${count} more edits acknowledged`, timeoutMs),
      ]);
    },
    async stop(timeoutMs = 60_000) {
      running = false;
      await Promise.race([
        failed,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the writers did not finish')), timeoutMs).unref()),
      ]);
    },
    destroy() {
      running = false;
      clients.forEach((client) => client.destroy());
    },
  };
}

/** The paragraphs of `document` as a fresh client (one that never held them) loads them from `wsUrl`. */
export async function readFresh(wsUrl: string, document: string, token: string): Promise<Set<string>> {
  const reader = connect(wsUrl, document, token);
  try {
    await reader.synced();
    return new Set(paragraphs(reader.doc));
  } finally {
    reader.destroy();
  }
}
