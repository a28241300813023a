/**
 * The sign-in variables (README, Sign-in): an OpenID Connect provider Concord signs people in with.
 * config.ts reads them with the rest; this file says what they mean and which combinations work.
 */
import { SEGMENT_PATTERN } from '@concord/shared';
import { z } from 'zod';
import { integer, url } from './config-values.ts';

/** Where the provider sends people back; the route is fixed, the origin is the deployment's. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

const text = (what: string) => z.string().trim().min(1, `expected ${what}`);

export const oidcEnv = {
  OIDC_ISSUER: url(['https:', 'http:']).optional(),
  OIDC_CLIENT_ID: text('a client id').optional(),
  OIDC_CLIENT_SECRET: text('a client secret').optional(),
  OIDC_ORG: z.string().trim().regex(SEGMENT_PATTERN, 'expected an org id of [A-Za-z0-9._-], at most 64 characters').optional(),
  OIDC_ORG_CLAIM: text('a claim name').optional(),
  OIDC_ROLE_CLAIM: text('a claim name').optional(),
  OIDC_PROVIDER_NAME: z.string().trim().min(1, 'expected a name').max(60, 'expected at most 60 characters').optional(),
  OIDC_SCOPES: z
    .string()
    .trim()
    .refine((value) => value.split(/\s+/).includes('openid'), 'expected space-separated scopes including "openid"')
    .default('openid profile email'),
  OIDC_REDIRECT_URL: url(['https:', 'http:'])
    .refine((value) => new URL(value).pathname === OIDC_CALLBACK_PATH, `expected a URL whose path is ${OIDC_CALLBACK_PATH}`)
    .optional(),
  // Short by default: a token that leaks is good for minutes; the web app renews it before it ends.
  OIDC_TOKEN_TTL_SECONDS: integer(5, 24 * 3600).default(15 * 60),
  OIDC_SESSION_TTL_SECONDS: integer(60, 30 * 24 * 3600).default(12 * 3600),
};

type OidcEnv = z.output<z.ZodObject<typeof oidcEnv>>;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone, no client authentication). */
  clientSecret?: string;
  /** Exactly one of `org` (everyone joins this org) and `orgClaim` (the org is read from this claim). */
  org?: string;
  orgClaim?: string;
  /** The claim naming the role (`viewer|editor|admin`); without it everyone is an editor. */
  roleClaim?: string;
  /** Shown as "Sign in with <providerName>"; defaults to the issuer's host name. */
  providerName: string;
  scopes: string;
  /** Absent: built from the request's origin (`<origin>/api/auth/oidc/callback`). */
  redirectUrl?: string;
  tokenTtlSeconds: number;
  /** How long a sign-in lasts: renewing tokens needs a sign-in younger than this. */
  sessionTtlSeconds: number;
}

/** The sign-in configuration, or the problems (as `VARIABLE: message`) that keep it from working. */
export function readOidcConfig(env: OidcEnv, authSecret: string | undefined): { oidc?: OidcConfig; problems: string[] } {
  const { OIDC_ISSUER: issuer } = env;
  const given = (Object.keys(oidcEnv) as (keyof OidcEnv)[]).filter(
    (key) => env[key] !== undefined && key !== 'OIDC_SCOPES' && key !== 'OIDC_TOKEN_TTL_SECONDS' && key !== 'OIDC_SESSION_TTL_SECONDS',
  );
  if (!issuer) {
    return { problems: given.length > 0 ? [`OIDC_ISSUER: required when ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set`] : [] };
  }
  const problems: string[] = [];
  if (!authSecret) problems.push('AUTH_SECRET: required with OIDC_ISSUER (it signs the tokens and sign-in cookies Concord issues)');
  if (!env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if (!env.OIDC_ORG === !env.OIDC_ORG_CLAIM) {
    problems.push('OIDC_ORG: set exactly one of OIDC_ORG (one org for everyone) and OIDC_ORG_CLAIM (the org from a claim)');
  }
  if (problems.length > 0 || !env.OIDC_CLIENT_ID) return { problems };
  return {
    problems,
    oidc: {
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      org: env.OIDC_ORG,
      orgClaim: env.OIDC_ORG_CLAIM,
      roleClaim: env.OIDC_ROLE_CLAIM,
      providerName: env.OIDC_PROVIDER_NAME ?? new URL(issuer).hostname,
      scopes: env.OIDC_SCOPES,
      redirectUrl: env.OIDC_REDIRECT_URL,
      tokenTtlSeconds: env.OIDC_TOKEN_TTL_SECONDS,
      sessionTtlSeconds: env.OIDC_SESSION_TTL_SECONDS,
    },
  };
}
