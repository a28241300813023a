/**
 * The check stage: is this sender still allowed to send (token, rate), and is this update acceptable
 * from it (read-only, the kind's shape and change rules, guards/check-update.ts)? Pure apart from
 * reading the live document and taking from the rate limit; a refusal is returned, never thrown, and
 * pipeline.ts hands it to refuse.ts.
 */
import type { Identity } from '../auth/claims.ts';
import { ConcordError } from '../errors.ts';
import { checkUpdate } from '../guards/check-update.ts';
import type { Change } from '../guards/update-changes.ts';
import type { IncomingUpdate } from './incoming.ts';

export interface CheckedUpdate extends IncomingUpdate {
  /** What the update changes, as the guards read it (empty for the server's own writes). */
  changes: Change[];
}

export type Checked = { ok: true; update: CheckedUpdate } | { ok: false; refusal: ConcordError };

export interface Sender {
  identity: Identity;
  /** Takes one frame from this sender's rate limit; false once it is spent. */
  takeFrame(): boolean;
  rateLimitPerSecond: number;
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * Every frame, before anything is decoded further. A token is valid until its `exp` on open
 * connections too: a frame sent once the clock has passed it is refused even when the timer that
 * closes the connection runs late (extensions/token-expiry.ts).
 */
export function checkSender(sender: Sender): ConcordError | null {
  const { expiresAt } = sender.identity;
  if (expiresAt !== undefined && sender.now >= expiresAt) return new ConcordError('token-expired', 'the token expired while the connection was open');
  if (!sender.takeFrame()) return new ConcordError('rate-limited', `more than ${sender.rateLimitPerSecond} messages per second`);
  return null;
}

/** The server's own writes are trusted: the rules are about what clients may do. */
export function check(incoming: IncomingUpdate): Checked {
  const { author } = incoming;
  if (author.kind === 'server') return { ok: true, update: { ...incoming, changes: [] } };
  if (author.readOnly) return { ok: false, refusal: new ConcordError('read-only', 'viewers cannot change documents') };
  const verdict = checkUpdate(author.context.doc.kind, incoming.document, incoming.update, author.context.identity);
  if (!verdict.ok) return { ok: false, refusal: new ConcordError(verdict.refusal.code, verdict.refusal.message) };
  return { ok: true, update: { ...incoming, changes: verdict.changes } };
}
