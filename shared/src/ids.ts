/**
 * Ids are `[A-Za-z0-9._-]{1,64}` (docs/PROTOCOL.md, "Schemas"). Generated ids sort roughly by
 * creation time (a ULID-like layout: 9 base-36 time characters, then 12 random ones) so they are
 * readable in logs.
 */
import { SEGMENT_PATTERN } from './names.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 12;

export function newId(now: number = Date.now()): string {
  const time = Math.max(0, Math.floor(now)).toString(36).padStart(9, '0').slice(-9);
  return time + randomChars(RANDOM_LENGTH);
}

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && SEGMENT_PATTERN.test(value);
}

/**
 * Random bytes are drawn a few kilobytes at a time: one `getRandomValues` call per id cost more than
 * the rest of making the id (the server makes one per activity entry, docs/BENCHMARKS.md "Fan-out
 * server CPU per edit").
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomBytes(length: number): Uint8Array {
  if (poolOffset + length > POOL_BYTES) {
    const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
    if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(pool);
    else for (let i = 0; i < POOL_BYTES; i++) pool[i] = Math.floor(Math.random() * 256);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

function randomChars(length: number): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
