import type { AdmissionCheck } from '../extensions/authentication.ts';
import type { ConnectionLimits } from './connection-limits.ts';

/** MAX_CONNECTIONS_PER_DOC and MAX_CONNECTIONS_PER_USER, checked when a connection authenticates. */
export function connectionLimitCheck(limits: ConnectionLimits): AdmissionCheck {
  return {
    appliesToHttp: false,
    admit: (identity, _access, documentName) => limits.check(documentName, identity.userId),
  };
}
