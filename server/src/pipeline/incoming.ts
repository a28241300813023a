/**
 * The first stage (docs/ARCHITECTURE.md, "An update's path"): a frame from a client is decoded once,
 * here, into what every later stage reads. A document update becomes an IncomingUpdate: the
 * document, who sent it and the Yjs update itself.
 */
import type * as Y from 'yjs';
import type { ConnectionContext } from '../context.ts';
import { isEmptyUpdate, readFrame } from '../protocol/frame.ts';

/** Who an update comes from: a client's document connection, or the server writing itself. */
export type Author =
  | { kind: 'connection'; context: ConnectionContext; readOnly: boolean }
  | { kind: 'server' };

export const SERVER_AUTHOR: Author = { kind: 'server' };

export interface IncomingUpdate {
  documentName: string;
  /** The live document, as it is before the update. */
  document: Y.Doc;
  author: Author;
  update: Uint8Array;
}

export type Incoming =
  | { kind: 'document-update'; update: IncomingUpdate }
  /** Sync step 2 of a client already in sync: nothing to check, store or send on. */
  | { kind: 'empty-update' }
  | { kind: 'awareness'; states: Uint8Array }
  | { kind: 'other'; messageType: number }
  | { kind: 'malformed' };

export interface FrameSource {
  documentName: string;
  document: Y.Doc;
  author: Author;
}

export function readIncoming(frame: Uint8Array, source: FrameSource): Incoming {
  let parsed;
  try {
    parsed = readFrame(frame);
  } catch {
    return { kind: 'malformed' };
  }
  switch (parsed.kind) {
    case 'document-update':
      if (isEmptyUpdate(parsed.update)) return { kind: 'empty-update' };
      return { kind: 'document-update', update: { ...source, update: parsed.update } };
    case 'awareness':
      return { kind: 'awareness', states: parsed.update };
    default:
      return parsed;
  }
}

/** The label `concord_messages_in_total` counts a frame under. */
export function trafficLabel(incoming: Incoming): string {
  switch (incoming.kind) {
    case 'empty-update':
      return 'document-update';
    case 'other':
      return `type-${incoming.messageType}`;
    default:
      return incoming.kind;
  }
}
