/**
 * Renews the token while it is still valid, and hands the new one to the open document connections
 * (`onRenewed`), so none of them is closed at the old token's `exp` (README, Sign-in): the server
 * takes a renewed token on an open connection and lets it live to the new `exp`. A renewal that
 * fails for a passing reason is tried again until `exp`; after that, the refusal path takes over
 * (documentRegistry.ts: `token-expired` renews and reconnects, keeping local edits).
 */
import type { TokenSource } from './tokenSource.ts';

/**
 * How long before `exp` to renew: a quarter of the token's remaining life, at most two minutes
 * (a 15-minute token is renewed at 13 minutes; background tabs may run timers a minute late).
 */
const MAX_LEAD_MS = 2 * 60_000;
const LEAD_FRACTION = 0.25;
/** Never sooner than this after the last renewal: a clock far off the server's would renew in a loop. */
const MIN_GAP_MS = 2_000;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
/** `setTimeout` takes at most 2^31 - 1 ms; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function renewBeforeExpiry(tokens: TokenSource, onRenewed: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function schedule() {
    const expiresAt = tokens.expiresAt();
    if (stopped || expiresAt === undefined) return;
    const left = expiresAt - Date.now();
    const due = Math.max(expiresAt - Math.min(MAX_LEAD_MS, left * LEAD_FRACTION), Date.now() + MIN_GAP_MS);
    wait(due, () => void attempt(expiresAt, FIRST_RETRY_MS));
  }

  function wait(until: number, then: () => void) {
    const delay = until - Date.now();
    timer = setTimeout(() => (Date.now() >= until ? then() : wait(until, then)), Math.min(Math.max(delay, 0), MAX_TIMER_MS));
  }

  async function attempt(expiresAt: number, retryMs: number) {
    if (stopped) return;
    let token: string | null;
    try {
      token = await tokens.renew();
    } catch {
      if (!stopped && Date.now() + retryMs < expiresAt) wait(Date.now() + retryMs, () => void attempt(expiresAt, Math.min(retryMs * 2, LAST_RETRY_MS)));
      return;
    }
    // Null: nothing to renew from (the sign-in has ended); the user is asked to sign in at `exp`.
    if (stopped || token === null) return;
    onRenewed();
    schedule();
  }

  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
