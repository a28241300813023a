/**
 * Counts open document connections per document and per user (every open document of every tab
 * counts), and refuses the one past the configured maximum.
 */
import { ConcordError } from '../errors.ts';

export interface ConnectionLimits {
  /** Throws `too-many-connections` when one more would pass a limit. */
  check(documentName: string, userId: string): void;
  opened(documentName: string, userId: string): void;
  closed(documentName: string, userId: string): void;
}

export function createConnectionLimits({ perDocument, perUser }: { perDocument: number; perUser: number }): ConnectionLimits {
  const byDocument = new Map<string, number>();
  const byUser = new Map<string, number>();
  const bump = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next <= 0) counts.delete(key);
    else counts.set(key, next);
  };
  return {
    check(documentName, userId) {
      if ((byDocument.get(documentName) ?? 0) >= perDocument) {
        throw new ConcordError('too-many-connections', `this document already has ${perDocument} connections`);
      }
      if ((byUser.get(userId) ?? 0) >= perUser) {
        throw new ConcordError('too-many-connections', `you already have ${perUser} open document connections`);
      }
    },
    opened(documentName, userId) {
      bump(byDocument, documentName, 1);
      bump(byUser, userId, 1);
    },
    closed(documentName, userId) {
      bump(byDocument, documentName, -1);
      bump(byUser, userId, -1);
    },
  };
}
