/**
 * Who may open which document (docs/PROTOCOL.md, "Authentication and access"). Pure: a decision
 * from the identity and the parsed name; document-dependent rules (private channel membership) live
 * with the guards.
 */
import { canWrite, parseDocName, type DocName } from '@concord/shared';
import { ConcordError } from '../errors.ts';
import type { Identity } from './claims.ts';

export interface Access {
  doc: DocName;
  /** Viewers are read-only everywhere. */
  readOnly: boolean;
}

export function authorizeDocument(identity: Identity, rawName: string): Access {
  const parsed = parseDocName(rawName);
  if (!parsed.ok) throw new ConcordError(parsed.problem.code, parsed.problem.message);
  const doc = parsed.name;
  if (doc.org !== identity.org) {
    throw new ConcordError('forbidden', `a member of ${identity.org} may not open documents of another org`);
  }
  if (doc.kind === 'inbox' && doc.id !== identity.userId) {
    throw new ConcordError('forbidden', 'an inbox is open to its owner only');
  }
  return { doc, readOnly: !canWrite(identity.role) };
}
