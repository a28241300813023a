/**
 * Reads a y-protocols awareness update without applying it, so the guards see every entry a client
 * sent, removals and clocks included (Hocuspocus's own hook only sees the states it would apply).
 *
 * Wire format (y-protocols/awareness.js): varUint count, then per entry varUint client id,
 * varUint clock and varString JSON state (`null` removes the client).
 */
import * as decoding from 'lib0/decoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** Throws on updates that cannot be decoded, as y-protocols would. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
  }
  return entries;
}
