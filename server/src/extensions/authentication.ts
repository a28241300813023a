/**
 * Only the right people into the right documents (docs/PROTOCOL.md, "Authentication and access"):
 * verifies the token, parses the name, applies the access rules and the admission checks
 * (connection limits, private channel membership) and records who the connection is.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { authorizeDocument, type Access } from '../auth/access.ts';
import type { Identity } from '../auth/claims.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { ConnectionContext } from '../context.ts';
import { isConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

/** A further condition for opening a document; throws a ConcordError to refuse. */
export interface AdmissionCheck {
  admit(identity: Identity, access: Access, documentName: string): void | Promise<void>;
  /** Whether `GET /api/docs/:name` applies it too (limits on live connections do not). */
  appliesToHttp: boolean;
}

export interface AuthenticationOptions {
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  admissionChecks: readonly AdmissionCheck[];
}

export function authentication({ tokens, logger, metrics, admissionChecks }: AuthenticationOptions): Extension {
  return {
    extensionName: 'concord-authentication',
    priority: 1000,

    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload): Promise<ConnectionContext> {
      try {
        const identity = await tokens.verify(token);
        const access = authorizeDocument(identity, documentName);
        for (const check of admissionChecks) await check.admit(identity, access, documentName);
        if (access.readOnly) connectionConfig.readOnly = true;
        return { identity, doc: access.doc };
      } catch (error) {
        if (isConcordError(error)) {
          metrics.refusals.inc({ code: error.errorCode });
          logger.info({ code: error.errorCode, documentName, detail: error.detail }, 'connection refused');
        }
        throw error;
      }
    },
  };
}
