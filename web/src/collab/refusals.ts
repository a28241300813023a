/**
 * What the user is told when the server refuses something. The server closes the document's
 * connection with a reason that starts with a code (`read-only: viewers cannot write`); the shared
 * error table (shared/src/error-codes.ts) gives each code its action, which documentRegistry.ts
 * carries out.
 */
import type { Refusal } from '@concord/shared';

export function describeRefusal(refusal: Refusal, docTitle: string): string {
  switch (refusal.action) {
    case 'drop-local-copy':
      return `The server refused a change to ${docTitle} (${refusal.code}: ${refusal.detail}). Your local copy was replaced with the server's.`;
    case 'retry':
      return `${docTitle}: the server is busy (${refusal.code}). Your changes are kept and will be sent again.`;
    case 'renew':
      return `${docTitle}: your sign-in expired; renewing it (${refusal.code}).`;
    case 'sign-in':
      return `Please sign in again (${refusal.code}: ${refusal.detail}).`;
    case 'tell-user':
      return `You cannot open ${docTitle} (${refusal.code}: ${refusal.detail}).`;
  }
}
