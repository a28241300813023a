/**
 * Token verification (HS256 with AUTH_SECRET, or a JWKS) and, in dev mode only, token issuing.
 */
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ConcordError } from '../errors.ts';
import { claimsSchema, identityFromClaims, type Claims, type Identity } from './claims.ts';
import { signToken } from './sign-token.ts';

export interface TokenService {
  verify(token: string | undefined | null): Promise<Identity>;
  /** Present only in dev mode. */
  issue?: (claims: Claims, ttlSeconds?: number) => Promise<string>;
}

export interface TokenServiceOptions {
  secret?: string;
  jwksUrl?: string;
  /** Dev mode only (neither secret nor JWKS): the secret to sign and verify with; random if absent. */
  devSecret?: string;
  /** Admit tokens without `exp` (AUTH_ALLOW_TOKENS_WITHOUT_EXP); otherwise they are `unauthorized`. */
  allowTokensWithoutExp?: boolean;
}

const DEV_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

export function createTokenService(options: TokenServiceOptions): TokenService {
  const devMode = !options.secret && !options.jwksUrl;
  const secret = new TextEncoder().encode(options.secret ?? (devMode ? options.devSecret : undefined) ?? randomBytes(32).toString('hex'));
  const jwks: JWTVerifyGetKey | undefined = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;

  async function verify(token: string | undefined | null): Promise<Identity> {
    if (!token) throw new ConcordError('unauthorized', 'a token is required');
    let payload: { exp?: number };
    try {
      const result = jwks && !options.secret
        ? await jwtVerify(token, jwks)
        : await jwtVerify(token, secret, { algorithms: ['HS256'] });
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new ConcordError('token-expired');
      throw new ConcordError('unauthorized', 'the token could not be verified');
    }
    // jose has checked that an `exp` present is a number in the future.
    if (payload.exp === undefined && !options.allowTokensWithoutExp) {
      throw new ConcordError('unauthorized', 'the token has no exp (expiry) claim');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw new ConcordError('unauthorized', `bad claim ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
    }
    return identityFromClaims(claims.data, payload.exp === undefined ? undefined : payload.exp * 1000);
  }

  const issue = (claims: Claims, ttlSeconds = DEV_TOKEN_TTL_SECONDS) => signToken(secret, claims, ttlSeconds);

  return devMode ? { verify, issue } : { verify };
}
