/**
 * Only the right people into the right documents (DESIGN §2–3, contract): verifies the token,
 * parses the name, applies the access rules and records who the connection is.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { authorizeDocument } from '../auth/access.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { ConnectionContext } from '../context.ts';
import { isConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

export interface AuthenticationOptions {
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
}

export function authentication({ tokens, logger, metrics }: AuthenticationOptions): Extension {
  return {
    extensionName: 'concord-authentication',
    priority: 1000,

    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload): Promise<ConnectionContext> {
      try {
        const identity = await tokens.verify(token);
        const access = authorizeDocument(identity, documentName);
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
