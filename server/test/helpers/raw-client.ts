/**
 * A bare WebSocket speaking the Hocuspocus protocol frame by frame, for sending what no provider
 * would (fuzzing, malformed frames) and seeing exactly what the server answers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_CLOSE = 7;
const MESSAGE_SYNC_STATUS = 8;
const SYNC_UPDATE = 2;

/** One entry of a y-protocols awareness update: a client id, its clock and its state (null removes it). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

export type Reply = { kind: 'authenticated' } | { kind: 'denied'; reason: string } | { kind: 'ack'; applied: boolean } | { kind: 'closed'; reason: string } | { kind: 'other' };

export interface RawClient {
  socket: WebSocket;
  replies: Reply[];
  closed: Promise<number>;
  send(frame: Uint8Array): void;
  authenticate(documentName: string, token: string): Promise<void>;
  sendUpdate(documentName: string, update: Uint8Array): void;
  /** An awareness frame with exactly these entries, whoever's client ids they name. */
  sendAwareness(documentName: string, entries: AwarenessEntry[]): void;
  /** Resolves with the next ack or close for the document. */
  nextOutcome(): Promise<Reply>;
}

export function frameFor(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function parseReply(data: Uint8Array): Reply {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AUTH) {
      const authType = decoding.readVarUint(decoder);
      return authType === 2 ? { kind: 'authenticated' } : { kind: 'denied', reason: decoding.readVarString(decoder) };
    }
    if (type === MESSAGE_SYNC_STATUS) return { kind: 'ack', applied: decoding.readVarInt(decoder) === 1 };
    if (type === MESSAGE_CLOSE) return { kind: 'closed', reason: decoding.readVarString(decoder) };
  } catch {
    // not a frame we read
  }
  return { kind: 'other' };
}

export async function openRawClient(wsUrl: string, options: { localAddress?: string } = {}): Promise<RawClient> {
  const socket = new WebSocket(wsUrl, { localAddress: options.localAddress });
  const replies: Reply[] = [];
  const waiters: Array<(reply: Reply) => void> = [];
  socket.on('message', (data: Buffer) => {
    const reply = parseReply(new Uint8Array(data));
    replies.push(reply);
    if ((reply.kind === 'ack' || reply.kind === 'closed' || reply.kind === 'denied' || reply.kind === 'authenticated') && waiters.length > 0) waiters.shift()!(reply);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => {
    resolve(code);
    waiters.splice(0).forEach((w) => w({ kind: 'closed', reason: `socket closed ${code}` }));
  }));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = () => new Promise<Reply>((resolve) => waiters.push(resolve));
  return {
    socket,
    replies,
    closed,
    send: (frame) => socket.send(frame),
    async authenticate(documentName, token) {
      const reply = next();
      socket.send(frameFor(documentName, (e) => {
        encoding.writeVarUint(e, MESSAGE_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, token);
      }));
      const outcome = await reply;
      if (outcome.kind !== 'authenticated') throw new Error(`not authenticated: ${JSON.stringify(outcome)}`);
    },
    sendUpdate(documentName, update) {
      socket.send(frameFor(documentName, (e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, SYNC_UPDATE);
        encoding.writeVarUint8Array(e, update);
      }));
    },
    sendAwareness(documentName, entries) {
      socket.send(frameFor(documentName, (e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, encodeAwarenessEntries(entries));
      }));
    },
    nextOutcome: next,
  };
}
