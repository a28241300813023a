/**
 * Values the server hands the browser to keep and give back unchanged (sign-in cookies): encrypted
 * and authenticated (JWE, A256GCM) with a key derived from AUTH_SECRET for one purpose, with an
 * expiry. The browser can neither read nor alter them, one purpose's value is useless for another,
 * and none of them is a Concord token (those are signed JWS, never JWE).
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

export interface Sealer<T extends object> {
  seal(value: T, ttlSeconds: number): Promise<string>;
  /** The value, or null when it is not one of ours, was made for another purpose, or has expired. */
  unseal(sealed: string | undefined): Promise<T | null>;
}

export function createSealer<T extends object>(secret: string, purpose: string): Sealer<T> {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'concord-sealed', purpose, 32));
  return {
    seal(value, ttlSeconds) {
      return new EncryptJWT({ v: value } as JWTPayload)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .encrypt(key);
    },
    async unseal(sealed) {
      if (!sealed) return null;
      try {
        const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
        return typeof payload.v === 'object' && payload.v !== null ? (payload.v as T) : null;
      } catch {
        return null;
      }
    },
  };
}
