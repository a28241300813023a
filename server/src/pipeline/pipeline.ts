/**
 * An update's one path (docs/ARCHITECTURE.md, "An update's path"). A client's frame is read once
 * (incoming.ts), then passes the stages in this order, each awaited before the next:
 *
 *   check → append → publish → [Hocuspocus applies and acknowledges] → react
 *
 * Hocuspocus awaits `beforeHandleMessage` before it applies the message and acknowledges it, so
 * everything up to publish runs there; react starts in `afterHandleMessage`, once the update is in
 * the document, and runs off the acknowledgement's path. Hocuspocus handles one message per
 * connection at a time, so the update in flight is the connection's until then. Typing already
 * queued behind it on the connection joins it for check → append → publish (look-ahead.ts).
 *
 * The server's own writes (reactions/server-writer.ts) take the same stages with the server as
 * author, applied first (apply.ts). Awareness frames take their own small path (awareness.ts); every
 * refusal goes through refuse.ts.
 */
import { ERROR_CODES } from '@concord/shared';
import { isTransactionOrigin, type Connection, type Document, type Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { ConnectionContext } from '../context.ts';
import { ConcordError } from '../errors.ts';
import type { DocumentLog } from '../extensions/durable-log.ts';
import { createKeyedRateLimit } from '../guards/rate-limit.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { FanOut } from '../scale/fan-out.ts';
import { acknowledgeTogether } from './acknowledge-together.ts';
import { append, type Appended } from './append.ts';
import { applyAsServer, SERVER_ORIGIN } from './apply.ts';
import { createAwarenessPath, type AwarenessOptions } from './awareness.ts';
import { check, checkSender, type CheckedUpdate } from './check.ts';
import { readIncoming, SERVER_AUTHOR, trafficLabel, type Author, type IncomingUpdate } from './incoming.ts';
import { typingRun } from './look-ahead.ts';
import { publish } from './publish.ts';
import type { React } from './react.ts';
import type { Refuse } from './refuse.ts';

export interface PipelineOptions {
  log: DocumentLog;
  fanOut: Pick<FanOut, 'publishUpdate'>;
  react: React;
  refuse: Refuse;
  logger: Logger;
  metrics: Metrics;
  rateLimitPerSecond: number;
  /** The clock tokens' `exp` is checked against (ms since the epoch); tests move it. */
  now?: () => number;
  /**
   * Whether every instance writes to this same storage (PostgreSQL). Then updates arriving through
   * Redis were appended by the instance that received them; otherwise (SQLite per instance) they are
   * appended here too.
   */
  sharedStorage: boolean;
  /**
   * Broadcast a client's updates as soon as the commit that holds them has been applied, instead of
   * in Hocuspocus's next `setImmediate` (docs/ARCHITECTURE.md, "Broadcast in the commit's turn").
   * Only without Redis: publishing to Redis resumes each update in a reply callback of its own, in
   * the poll phase, where Hocuspocus's `setImmediate` already broadcasts in the same turn and merges
   * the commit's updates into one message, which flushing each would split.
   */
  broadcastInCommitTurn: boolean;
  awareness?: AwarenessOptions;
}

export interface Pipeline {
  extension: Extension;
  /** The server's own write to `document`: applied, then resolves once it is durable and published. */
  writeAsServer(documentName: string, document: Document, write: (doc: Y.Doc) => void): Promise<void>;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { log, fanOut, react, refuse, logger, metrics } = options;
  const now = options.now ?? Date.now;
  const frameRate = createKeyedRateLimit({ perSecond: options.rateLimitPerSecond });
  const awareness = createAwarenessPath(options.awareness);
  const inFlight = new Map<Connection, CheckedUpdate>();
  /**
   * Per connection, the frames queued behind an update when it was handled (look-ahead.ts):
   * `merged` when they joined it, so they are already checked, stored and published; null when the
   * merge was refused and each takes the stages alone. Weak: a connection closed mid-run keeps
   * nothing alive.
   */
  const ahead = new WeakMap<Connection, { frames: Uint8Array[]; merged: CheckedUpdate | null }>();
  /**
   * Documents that applied committed updates in this turn, broadcast once those are all applied.
   * Hocuspocus batches a document's broadcast into a setImmediate; an update applied after its
   * commit, which itself ran in a setImmediate, would then reach the peers only a whole turn of the
   * event loop later (docs/ARCHITECTURE.md, "Broadcast in the commit's turn").
   */
  const toBroadcast = new Set<Document>();
  function broadcastApplied(): void {
    const documents = [...toBroadcast];
    toBroadcast.clear();
    for (const document of documents) {
      try {
        document.flush();
      } catch (error) {
        logger.error({ err: error, documentName: document.name }, 'broadcasting an applied update failed');
      }
    }
  }

  /** Refuses; throwing (so Hocuspocus drops the message) unless the table says the connection stays. */
  function stop(error: ConcordError, fields: Record<string, unknown>, connection: Connection): void {
    refuse(error, fields, connection);
    if (ERROR_CODES[error.errorCode].closes !== 'none') throw error;
  }

  /** check → append → publish; the update, ready to apply, or a refusal. */
  async function accept(incoming: IncomingUpdate): Promise<Appended> {
    const checked = check(incoming);
    if (!checked.ok) return checked;
    const appended = await append(log, checked.update, logger);
    if (!appended.ok) return appended;
    await publish(fanOut, appended.update);
    return appended;
  }

  /**
   * A client's update, with the typing queued behind it on its connection when it can join it:
   * merged, within the sender's rate, and accepted as one. Otherwise it goes alone, and so do they.
   */
  async function acceptFromConnection(incoming: IncomingUpdate, connection: Connection, frame: Uint8Array, socketId: string): Promise<Appended & { joined: Uint8Array[] }> {
    const pending = ahead.get(connection);
    if (pending) {
      if (pending.frames.shift() !== frame || pending.frames.length === 0) ahead.delete(connection);
      return { ...(await accept(incoming)), joined: [] };
    }
    const run = connection.readOnly ? null : typingRun(connection, incoming.documentName, incoming.update, frameRate.available(socketId));
    if (!run) return { ...(await accept(incoming)), joined: [] };
    const checked = check({ ...incoming, update: run.merged });
    if (!checked.ok) {
      ahead.set(connection, { frames: run.frames, merged: null });
      return { ...(await accept(incoming)), joined: [] };
    }
    // Taken in the same turn as `available` was read, so every frame is granted.
    for (const _ of run.frames) frameRate.take(socketId);
    metrics.messagesIn.inc({ type: 'document-update' }, run.frames.length);
    const appended = await append(log, checked.update, logger);
    if (appended.ok) await publish(fanOut, appended.update);
    return { ...appended, joined: run.frames };
  }

  const extension: Extension = {
    extensionName: 'concord-update-pipeline',

    async beforeHandleMessage({ update: frame, connection, document, documentName, socketId }) {
      const joined = ahead.get(connection);
      if (joined?.merged) {
        if (joined.frames[0] === frame) {
          // Checked, stored and published with an earlier frame: Hocuspocus applies and acknowledges it now.
          joined.frames.shift();
          if (joined.frames.length === 0) {
            ahead.delete(connection);
            inFlight.set(connection, joined.merged);
          }
          return;
        }
        // Not the frame that joined (a Hocuspocus that reorders its queue): this one and the rest
        // take every stage again; storing twice is harmless, skipping a check would not be.
        logger.warn({ documentName }, 'a frame arrived out of the order it was merged in; checking it alone');
        ahead.delete(connection);
      }
      const context = connection.context as ConnectionContext;
      const author: Author = { kind: 'connection', context, readOnly: connection.readOnly };
      const incoming = readIncoming(frame, { documentName, document, author });
      metrics.messagesIn.inc({ type: trafficLabel(incoming) });
      const fields = { documentName, userId: context.identity.userId };
      const sender = checkSender({ identity: context.identity, takeFrame: () => frameRate.take(socketId), rateLimitPerSecond: options.rateLimitPerSecond, now: now() });
      if (sender) return stop(sender, fields, connection);
      switch (incoming.kind) {
        case 'malformed':
          return stop(new ConcordError('malformed-frame'), fields, connection);
        case 'awareness': {
          const refusal = awareness.admit(incoming.states, connection, document, context.identity.userId);
          if (refusal) stop(refusal, fields, connection);
          return;
        }
        case 'document-update': {
          const accepted = await acceptFromConnection(incoming.update, connection, frame, socketId);
          if (!accepted.ok) return stop(accepted.refusal, fields, connection);
          // With frames joined, the update is applied and reacted to once the last of them is.
          if (accepted.joined.length > 0) {
            ahead.set(connection, { frames: accepted.joined, merged: accepted.update });
            acknowledgeTogether(connection);
          } else inFlight.set(connection, accepted.update);
          return;
        }
        default:
          return;
      }
    },

    async afterHandleMessage({ connection, documentName, document }) {
      const update = inFlight.get(connection);
      if (!update) return;
      inFlight.delete(connection);
      // process.nextTick: runs once every update of this commit has been applied (each is a chain of
      // promise continuations, all finished before the tick queue is read again). It also cuts
      // short Hocuspocus's `flushDelay` window for these updates; Concord leaves it at 0.
      if (options.broadcastInCommitTurn) {
        if (toBroadcast.size === 0) process.nextTick(broadcastApplied);
        toBroadcast.add(document);
      }
      log.applied(documentName);
      if (update.author.kind === 'connection') {
        react({ documentName, document: update.document, author: update.author.context, changes: update.changes });
      }
    },

    async beforeHandleAwareness({ states, connection, document }) {
      awareness.filter(states, connection, document);
    },

    // Peers' updates: Hocuspocus's Redis extension has applied them; with storage of its own, this
    // instance logs them too (afterwards: they are already durable where they were made).
    async onChange({ update, transactionOrigin, documentName }) {
      if (!isTransactionOrigin(transactionOrigin)) return;
      if (transactionOrigin.source === 'local' && transactionOrigin !== SERVER_ORIGIN) {
        logger.error({ documentName }, 'a change bypassed the update pipeline and is not stored: the server writes through ServerWrite');
      }
      if (options.sharedStorage || transactionOrigin.source !== 'redis') return;
      await log.appendApplied(documentName, update).catch((error: unknown) => {
        logger.error({ err: error, documentName }, "append of another instance's update failed");
      });
    },
  };

  return {
    extension,
    async writeAsServer(documentName, document, write) {
      const update = applyAsServer(document, write);
      if (!update) return;
      const accepted = await accept({ documentName, document, author: SERVER_AUTHOR, update });
      log.applied(documentName);
      // Already applied: a write storage refused stays in the live document, and the next
      // compaction (which folds in the live state) stores it.
      if (!accepted.ok) throw refuse(accepted.refusal, { documentName, userId: 'server' });
    },
  };
}
