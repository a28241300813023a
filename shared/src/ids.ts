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

function randomChars(length: number): string {
  const bytes = new Uint8Array(length);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
