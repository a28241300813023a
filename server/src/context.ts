import type { DocName } from '@concord/shared';
import type { Identity } from './auth/claims.ts';

/** What `onAuthenticate` establishes for each document connection. */
export interface ConnectionContext {
  identity: Identity;
  doc: DocName;
}
