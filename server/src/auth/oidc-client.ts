/**
 * The relying-party side of the authorization-code flow with PKCE (README, Sign-in), through
 * `openid-client`: the provider's metadata is discovered on first use (and again after a failure,
 * so a provider that was down at start is found later), `start` builds the redirect to the
 * provider, `finish` checks its answer (state, PKCE, the ID token's signature, issuer, audience and
 * nonce), redeems the code and returns the person's claims, userinfo included.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../config-oidc.ts';
import { ConcordError } from '../errors.ts';
import type { ProviderClaims } from './oidc-claims.ts';

/** What the browser keeps (sealed) between `start` and `finish`. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** The web app's path to come back to. */
  returnTo: string;
}

export interface OidcClient {
  start(redirectUri: string, returnTo: string): Promise<{ url: URL; pending: PendingLogin }>;
  finish(query: URLSearchParams, pending: PendingLogin): Promise<ProviderClaims>;
}

const REQUEST_TIMEOUT_SECONDS = 10;

export function createOidcClient(oidc: OidcConfig): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret,
        // client_secret_basic is OpenID Connect's default, which every provider supports.
        oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
        {
          timeout: REQUEST_TIMEOUT_SECONDS,
          // A provider on plain http is only for local set-ups (and the tests); say https in production.
          ...(new URL(oidc.issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new ConcordError('provider-unavailable', `could not read the provider's metadata: ${describe(error)}`);
      });
    return discovered;
  }

  return {
    async start(redirectUri, returnTo) {
      const config = await configuration();
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        redirectUri,
        returnTo,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: oidc.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url, pending };
    },

    async finish(query, pending) {
      const config = await configuration();
      const refused = query.get('error');
      if (refused) {
        const description = query.get('error_description');
        throw new ConcordError('forbidden', `the provider refused the sign-in: ${refused}${description ? ` (${description})` : ''}`.slice(0, 300));
      }
      // The provider's answer as it arrived, at the redirect URI it was sent to.
      const current = new URL(pending.redirectUri);
      current.search = query.toString();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
        });
      } catch (error) {
        throw new ConcordError('unauthorized', `the provider's answer was not accepted: ${describe(error)}`);
      }
      const idClaims = tokens.claims()!;
      let userinfo: ProviderClaims = {};
      if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
        try {
          userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        } catch (error) {
          throw new ConcordError('provider-unavailable', `could not read the user's profile: ${describe(error)}`);
        }
      }
      return { ...idClaims, ...userinfo };
    },
  };
}

/** openid-client wraps the precise reason (`unexpected ID Token "nonce" claim value`) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 200);
}
