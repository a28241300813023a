import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const SECRET = 'x'.repeat(32);
const OIDC = { AUTH_SECRET: SECRET, OIDC_ISSUER: 'https://id.example.com/realms/acme', OIDC_CLIENT_ID: 'concord', OIDC_ORG: 'acme' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('sign-in configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig(OIDC).oidc).toEqual({
      issuer: 'https://id.example.com/realms/acme',
      clientId: 'concord',
      clientSecret: undefined,
      org: 'acme',
      orgClaim: undefined,
      roleClaim: undefined,
      providerName: 'id.example.com',
      scopes: 'openid profile email',
      redirectUrl: undefined,
      tokenTtlSeconds: 900,
      sessionTtlSeconds: 43_200,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...OIDC,
      OIDC_ORG: '',
      OIDC_ORG_CLAIM: 'tenant',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_PROVIDER_NAME: 'Acme SSO',
      OIDC_SCOPES: 'openid profile groups',
      OIDC_REDIRECT_URL: 'https://concord.acme.example/api/auth/oidc/callback',
      OIDC_TOKEN_TTL_SECONDS: '60',
      OIDC_SESSION_TTL_SECONDS: '3600',
    });
    expect(config.oidc).toMatchObject({
      clientSecret: 's3cret', orgClaim: 'tenant', roleClaim: 'realm_access.roles', providerName: 'Acme SSO', scopes: 'openid profile groups',
      redirectUrl: 'https://concord.acme.example/api/auth/oidc/callback', tokenTtlSeconds: 60, sessionTtlSeconds: 3600,
    });
    expect(config.devMode).toBe(false);
  });

  it('keeps dev mode when neither a secret nor an issuer is set', () => {
    const config = loadConfig({});
    expect(config.devMode).toBe(true);
    expect(config.oidc).toBeUndefined();
  });

  it('needs AUTH_SECRET, a client id and exactly one way to find the org', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'concord', OIDC_ORG: 'acme' })).toEqual([
      'AUTH_SECRET: required with OIDC_ISSUER (it signs the tokens and sign-in cookies Concord issues)',
    ]);
    expect(problemsOf({ ...OIDC, OIDC_CLIENT_ID: '' })).toEqual(['OIDC_CLIENT_ID: required with OIDC_ISSUER']);
    expect(problemsOf({ ...OIDC, OIDC_ORG_CLAIM: 'tenant' })[0]).toMatch(/^OIDC_ORG: set exactly one of OIDC_ORG/);
    expect(problemsOf({ ...OIDC, OIDC_ORG: '' })[0]).toMatch(/^OIDC_ORG: set exactly one of OIDC_ORG/);
  });

  it('refuses sign-in variables without an issuer', () => {
    expect(problemsOf({ AUTH_SECRET: SECRET, OIDC_CLIENT_ID: 'concord', OIDC_ORG: 'acme' })).toEqual(['OIDC_ISSUER: required when OIDC_CLIENT_ID, OIDC_ORG are set']);
  });

  it('names each bad value', () => {
    expect(problemsOf({ ...OIDC, OIDC_ISSUER: 'id.example.com' })[0]).toMatch(/^OIDC_ISSUER: expected a URL starting with https:\/\/ or http:\/\//);
    expect(problemsOf({ ...OIDC, OIDC_ORG: 'acme corp' })[0]).toMatch(/^OIDC_ORG: expected an org id/);
    expect(problemsOf({ ...OIDC, OIDC_SCOPES: 'profile email' })[0]).toMatch(/^OIDC_SCOPES: expected space-separated scopes including "openid"/);
    expect(problemsOf({ ...OIDC, OIDC_REDIRECT_URL: 'https://concord.example/callback' })[0]).toMatch(/^OIDC_REDIRECT_URL: expected a URL whose path is \/api\/auth\/oidc\/callback/);
    expect(problemsOf({ ...OIDC, OIDC_TOKEN_TTL_SECONDS: '2' })[0]).toMatch(/^OIDC_TOKEN_TTL_SECONDS: expected at least 5/);
    expect(problemsOf({ ...OIDC, OIDC_SESSION_TTL_SECONDS: 'forever' })[0]).toMatch(/^OIDC_SESSION_TTL_SECONDS: expected an integer/);
  });
});
