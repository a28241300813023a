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
import type { Refuse } from '../pipeline/refuse.ts';

/** A further condition for opening a document; throws a ConcordError to refuse. */
export interface AdmissionCheck {
  admit(identity: Identity, access: Access, documentName: string): void | Promise<void>;
  /** Whether `GET /api/docs/:name` applies it too (limits on live connections do not). */
  appliesToHttp: boolean;
}

export interface AuthenticationOptions {
  tokens: TokenService;
  refuse: Refuse;
  admissionChecks: readonly AdmissionCheck[];
}

export function authentication({ tokens, refuse, admissionChecks }: AuthenticationOptions): Extension {
  return {
    extensionName: 'concord-authentication',

    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload): Promise<ConnectionContext> {
      try {
        const identity = await tokens.verify(token);
        const access = authorizeDocument(identity, documentName);
        for (const check of admissionChecks) await check.admit(identity, access, documentName);
        if (access.readOnly) connectionConfig.readOnly = true;
        return { identity, doc: access.doc };
      } catch (error) {
        // Hocuspocus answers the client with the error's reason.
        if (isConcordError(error)) refuse(error, { documentName });
        throw error;
      }
    },
  };
}
