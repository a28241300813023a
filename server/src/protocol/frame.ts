/**
 * Reads the parts of a Hocuspocus frame the update pipeline needs (pipeline/incoming.ts, the one
 * place a frame is decoded), without applying it.
 *
 * Wire format (Hocuspocus 4 over y-protocols): varString address, varUint message type; for Sync
 * and SyncReply a varUint sync step and, for step 2 and update, a varUint8Array Yjs update.
 */
import * as decoding from 'lib0/decoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type Frame =
  | { kind: 'document-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'other'; messageType: number };

/** Throws on frames that cannot be decoded. */
export function readFrame(data: Uint8Array): Frame {
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  const messageType = decoding.readVarUint(decoder);
  if (messageType === MESSAGE_SYNC || messageType === MESSAGE_SYNC_REPLY) {
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
      return { kind: 'document-update', update: decoding.readVarUint8Array(decoder) };
    }
  }
  if (messageType === MESSAGE_AWARENESS) {
    return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  }
  return { kind: 'other', messageType };
}

/**
 * The document a frame is for: its address up to the session separator (Hocuspocus 4 addresses
 * frames of a multiplexed socket `documentName\0sessionId`). Throws on frames that cannot be decoded.
 */
export function frameDocumentName(data: Uint8Array): string {
  const address = decoding.readVarString(decoding.createDecoder(data));
  const separator = address.indexOf('\0');
  return separator === -1 ? address : address.slice(0, separator);
}

/** An update with no structs and no deletions (what a client in sync sends as sync step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= 2 && update.every((byte) => byte === 0);
}
