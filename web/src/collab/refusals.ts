/**
 * What the client does when the server refuses something (DESIGN §7). The server closes the
 * document's connection with a reason that starts with a code: `read-only: viewers cannot write`.
 */

export type RefusalAction =
  /** The local state holds something the server will never accept: drop it and sync afresh. */
  | 'reset'
  /** A passing problem on the server side: keep the local copy, connect the document again. */
  | 'retry'
  /** The token expired: get a fresh one and connect again (the user signs in only if none can be had). */
  | 'renew'
  /** The token is bad: the user has to sign in again. */
  | 'sign-in'
  /** This user may not open this document. */
  | 'deny';

export interface Refusal {
  code: string;
  detail: string;
  action: RefusalAction;
}

const ACTIONS: Record<string, RefusalAction> = {
  'invalid-update': 'reset',
  impersonation: 'reset',
  'read-only': 'reset',
  'message-too-large': 'reset',
  'storage-unavailable': 'retry',
  'rate-limited': 'retry',
  'missing-dependencies': 'retry',
  unauthorized: 'sign-in',
  'token-expired': 'renew',
  forbidden: 'deny',
  'invalid-name': 'deny',
  'malformed-name': 'deny',
  'unknown-kind': 'deny',
  'too-many-connections': 'retry',
};

const CODE_PATTERN = /^([a-z][a-z-]*[a-z]):\s*(.*)$/s;

/** Null for closes that are not refusals (a dropped socket, a server restart). */
export function parseRefusal(reason: string | undefined): Refusal | null {
  const match = CODE_PATTERN.exec(reason ?? '');
  if (!match) return null;
  const [, code, detail] = match as unknown as [string, string, string];
  return { code, detail, action: ACTIONS[code] ?? 'retry' };
}

export function describeRefusal(refusal: Refusal, docTitle: string): string {
  switch (refusal.action) {
    case 'reset':
      return `The server refused a change to ${docTitle} (${refusal.code}: ${refusal.detail}). Your local copy was replaced with the server's.`;
    case 'retry':
      return `${docTitle}: the server is busy (${refusal.code}). Your changes are kept and will be sent again.`;
    case 'renew':
      return `${docTitle}: your sign-in expired; renewing it (${refusal.code}).`;
    case 'sign-in':
      return `Please sign in again (${refusal.code}: ${refusal.detail}).`;
    case 'deny':
      return `You cannot open ${docTitle} (${refusal.code}: ${refusal.detail}).`;
  }
}
