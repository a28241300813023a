/**
 * Signed file links (README, Files): `/api/files/<id>?exp=<unix seconds>&sig=<base64url HMAC>` work
 * without headers, so in `<img src>` and download links. The HMAC-SHA256 covers the id and the
 * expiry; it is compared in constant time.
 *
 * A link expires at the end of the day after tomorrow (UTC), so it lives between 24 and 48 hours and
 * every link made for a file on one day is the same URL: the browser's cache keeps serving it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConcordError } from '../errors.ts';

const DAY_SECONDS = 24 * 3600;
const EXP_PATTERN = /^\d{1,12}$/;
const SIG_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SignedLink {
  url: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface FileLinks {
  sign(id: string): SignedLink;
  /** Throws `forbidden` unless `exp` and `sig` are a valid, unexpired signature of `id`. */
  check(id: string, exp: string | null, sig: string | null): void;
}

/** The link key when AUTH_SECRET is set: rotating the secret also ends every file link. */
export function linkKeyFromSecret(secret: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update('concord file links v1').digest());
}

export function createFileLinks(key: Uint8Array, now: () => number = Date.now): FileLinks {
  const mac = (id: string, exp: number) => createHmac('sha256', key).update(`${id}\n${exp}`).digest();
  return {
    sign(id) {
      const exp = (Math.floor(now() / 1000 / DAY_SECONDS) + 2) * DAY_SECONDS;
      const sig = mac(id, exp).toString('base64url');
      return { url: `/api/files/${encodeURIComponent(id)}?exp=${exp}&sig=${sig}`, expiresAt: exp * 1000 };
    },
    check(id, exp, sig) {
      if (exp === null || sig === null || !EXP_PATTERN.test(exp) || !SIG_PATTERN.test(sig)) {
        throw new ConcordError('forbidden', 'a file link needs exp and sig');
      }
      if (!timingSafeEqual(Buffer.from(sig, 'base64url'), mac(id, Number(exp)))) throw new ConcordError('forbidden', 'the file link signature is not valid');
      if (Number(exp) * 1000 <= now()) throw new ConcordError('forbidden', 'the file link has expired');
    },
  };
}
