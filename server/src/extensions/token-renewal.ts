/**
 * A token renewed on an open connection (README, Sign-in): a client that has a fresh token sends it
 * on its document connections (the provider's `sendToken()`, Hocuspocus's `onTokenSync`) before the
 * old one expires. The new token is verified as at connect; when it names the same user, org and
 * role it becomes the connection's identity, and the connection lives on to the new `exp`
 * (token-expiry.ts reads the identity's `exp` each time its timer fires). A token that does not
 * verify closes the connection with its code (`token-expired`, `unauthorized`), and one for
 * somebody else, or with another role, with `unauthorized`: a role is fixed for a connection's
 * life, since the guards decided what it may write when it opened.
 */
import type { Extension, onTokenSyncPayload } from '@hocuspocus/server';
import type { TokenService } from '../auth/tokens.ts';
import type { ConnectionContext } from '../context.ts';
import { ConcordError, isConcordError } from '../errors.ts';
import type { Refuse } from '../pipeline/refuse.ts';

export interface TokenRenewalOptions {
  tokens: TokenService;
  refuse: Refuse;
}

export function tokenRenewal({ tokens, refuse }: TokenRenewalOptions): Extension {
  return {
    extensionName: 'concord-token-renewal',

    async onTokenSync({ token, connection, documentName }: onTokenSyncPayload<ConnectionContext>) {
      const current = connection.context.identity;
      try {
        const renewed = await tokens.verify(token);
        if (renewed.userId !== current.userId || renewed.org !== current.org || renewed.role !== current.role) {
          throw new ConcordError('unauthorized', 'a renewed token must name the same user, org and role');
        }
        connection.context.identity = renewed;
      } catch (error) {
        if (isConcordError(error)) refuse(error, { documentName, userId: current.userId }, connection);
        throw error;
      }
    },
  };
}
