/**
 * Sign-in with an OpenID Connect provider, against a real one (oidc-provider) with test users: the
 * authorization-code flow with PKCE through the provider's own login and consent pages, the claims
 * that become a Concord user, the short-lived token it gets, renewal and sign-out.
 */
import { setNotesTitle } from '@concord/shared';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealer } from '../src/auth/sealed.ts';
import type { PendingLogin } from '../src/auth/oidc-client.ts';
import { connect, type TestClient } from './helpers/client.ts';
import { createCookieBrowser, type CookieBrowser, type Hop } from './helpers/cookie-browser.ts';
import { ORG_CLAIM, ROLE_CLAIM, startTestIdp, TEST_USERS, type TestIdp } from './helpers/oidc-provider.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';
import { TEST_SECRET } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const CALLBACK = '/api/auth/oidc/callback';
const TOKEN_TTL_SECONDS = 5;

let idp: TestIdp;
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  idp = await startTestIdp();
  server = await startTestServer({
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ORG_CLAIM: ORG_CLAIM,
      OIDC_ROLE_CLAIM: ROLE_CLAIM,
      OIDC_PROVIDER_NAME: 'Test IdP',
      OIDC_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    },
  });
  idp.allowRedirect(`${server.url}${CALLBACK}`);
});

afterAll(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  await idp?.close();
});

const SERVER_HOST = '127.0.0.1';

/** Starts a sign-in and goes through the provider's login and consent pages up to its redirect back. */
async function throughProvider(browser: CookieBrowser, username: string, returnTo?: string): Promise<string> {
  const start = `${server.url}/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
  const loginPage = (await browser.follow(start)).at(-1)!;
  expect(loginPage.body).toContain('name="password"');
  const consentPage = (await browser.submit(loginPage, { username, password: TEST_USERS[username]!.password })).at(-1)!;
  expect(consentPage.body).toContain('Allow Concord?');
  const hops = await browser.submit(consentPage, {}, { name: 'decision', value: 'allow' }, (hop) => !!hop.location?.startsWith(`${server.url}${CALLBACK}`));
  const back = hops.at(-1)!.location!;
  expect(back.startsWith(`${server.url}${CALLBACK}?`)).toBe(true);
  return back;
}

async function signIn(username: string, returnTo?: string): Promise<{ browser: CookieBrowser; landing: Hop }> {
  const browser = createCookieBrowser();
  const landing = await browser.request(await throughProvider(browser, username, returnTo));
  return { browser, landing };
}

async function token(browser: CookieBrowser): Promise<{ status: number; body: { token?: string; expiresAt?: number; error?: string } }> {
  const hop = await browser.request(`${server.url}/api/auth/token`, { method: 'POST' });
  return { status: hop.status, body: JSON.parse(hop.body) as { token?: string } };
}

function signInError(hop: Hop): string | null {
  const location = hop.location ? new URL(hop.location) : null;
  return location ? new URLSearchParams(location.hash.slice(1)).get('sign-in-error') : null;
}

describe('sign-in with an OpenID Connect provider', () => {
  it('tells the web app how to sign in', async () => {
    expect(await (await fetch(`${server.url}/api/auth/config`)).json()).toEqual({ mode: 'oidc', providerName: 'Test IdP' });
    const tokenServer = await startTestServer();
    const devServer = await startTestServer({ env: { AUTH_SECRET: '' } });
    try {
      expect(await (await fetch(`${tokenServer.url}/api/auth/config`)).json()).toEqual({ mode: 'token' });
      expect(await (await fetch(`${devServer.url}/api/auth/config`)).json()).toEqual({ mode: 'dev' });
      // Without a provider there is nothing to sign in with.
      expect((await fetch(`${tokenServer.url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${devServer.url}/api/auth/token`, { method: 'POST' })).status).toBe(404);
    } finally {
      await tokenServer.close();
      await devServer.close();
    }
  });

  it('redirects to the provider with PKCE, state and nonce, kept in a sealed short-lived cookie', async () => {
    const browser = createCookieBrowser();
    const first = await browser.request(`${server.url}/api/auth/oidc/login`);
    expect(first.status).toBe(303);
    const target = new URL(first.location!);
    expect(`${target.origin}${target.pathname}`).toBe(`${idp.issuer}/auth`);
    const params = Object.fromEntries(target.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${server.url}${CALLBACK}`,
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const cookie = first.setCookies.find((c) => c.startsWith('concord_oidc_login='))!;
    expect(cookie).toMatch(/; Path=\/api\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const sealed = browser.cookie(SERVER_HOST, 'concord_oidc_login')!;
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain(params.state);
    // The verifier stays with the browser, sealed; only its challenge goes to the provider.
    const pending = (await createSealer<PendingLogin>(TEST_SECRET, 'oidc-login').unseal(sealed))!;
    expect(pending).toMatchObject({ state: params.state, nonce: params.nonce, returnTo: '/' });
    expect(params.code_challenge).not.toBe(pending.verifier);

    const second = new URL((await browser.request(`${server.url}/api/auth/oidc/login`)).location!);
    expect(second.searchParams.get('state')).not.toBe(params.state);
    expect(second.searchParams.get('code_challenge')).not.toBe(params.code_challenge);
  });

  it('signs an editor in through the login and consent pages and hands out a short-lived Concord token', async () => {
    const { browser, landing } = await signIn('ana', '/channels/general');
    expect(landing.status).toBe(303);
    expect(landing.location).toBe(`${server.url}/channels/general`);
    const session = landing.setCookies.find((c) => c.startsWith('concord_session='))!;
    expect(session).toMatch(/; Path=\/api\/auth; Max-Age=43200; HttpOnly; SameSite=Lax$/);
    expect(landing.setCookies.find((c) => c.startsWith('concord_oidc_login='))).toMatch(/Max-Age=0/);

    const { status, body } = await token(browser);
    expect(status).toBe(200);
    const claims = decodeJwt(body.token!);
    expect(claims).toMatchObject({ sub: 'ana', name: 'Ana Editor', org: 'acme', role: 'editor', avatar: 'https://avatars.example.test/ana.png' });
    expect(claims.exp! - claims.iat!).toBe(TOKEN_TTL_SECONDS);
    expect(body.expiresAt).toBeGreaterThan(Date.now());
  });

  it('maps the role claim and the org claim', async () => {
    const claimsOf = async (username: string) => decodeJwt((await token((await signIn(username)).browser)).body.token!);
    expect(await claimsOf('vic')).toMatchObject({ sub: 'vic', name: 'Vic Viewer', org: 'acme', role: 'viewer' });
    // A list of roles (groups): the highest counts; the org comes from the claim.
    expect(await claimsOf('ada')).toMatchObject({ sub: 'ada', org: 'globex', role: 'admin' });
    // No role claim: an editor; a subject that is no valid id: a stable one derived from it.
    const pat = await claimsOf('pat|42');
    expect(pat).toMatchObject({ name: 'pat', org: 'acme', role: 'editor' });
    expect(pat.sub).toMatch(/^u-[0-9a-f]{40}$/);
  });

  it('keeps returnTo on this site', async () => {
    for (const evil of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const { landing } = await signIn('ana', evil);
      expect(landing.location).toBe(`${server.url}/`);
    }
  });

  it('refuses a callback whose state does not match, and lets nobody in', async () => {
    const browser = createCookieBrowser();
    const back = new URL(await throughProvider(browser, 'ana'));
    back.searchParams.set('state', 'forged-state');
    const refused = await browser.request(back.href);
    expect(refused.status).toBe(303);
    expect(signInError(refused)).toMatch(/^unauthorized: the provider's answer was not accepted/);
    expect(refused.setCookies.some((c) => c.startsWith('concord_session='))).toBe(false);
    expect((await token(browser)).status).toBe(401);
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    const browser = createCookieBrowser();
    const back = await throughProvider(browser, 'ana');
    const sealer = createSealer<PendingLogin>(TEST_SECRET, 'oidc-login');
    const pending = (await sealer.unseal(browser.cookie(SERVER_HOST, 'concord_oidc_login')))!;
    browser.setCookie(SERVER_HOST, 'concord_oidc_login', await sealer.seal({ ...pending, nonce: 'another-nonce' }, 600), '/api/auth/oidc');
    const refused = await browser.request(back);
    expect(signInError(refused)).toMatch(/^unauthorized: the provider's answer was not accepted: unexpected JWT claim value encountered: unexpected ID Token "nonce" claim value/);
    expect((await token(browser)).status).toBe(401);
  });

  it('refuses a callback with no sign-in under way, or with a login cookie it did not make', async () => {
    const browser = createCookieBrowser();
    const back = await throughProvider(browser, 'ana');
    const stranger = createCookieBrowser();
    expect(signInError(await stranger.request(back))).toMatch(/^bad-request: no sign-in is under way in this browser/);
    stranger.setCookie(SERVER_HOST, 'concord_oidc_login', await createSealer<PendingLogin>('another-secret-0123456789abcdef', 'oidc-login').seal({ state: 'x', nonce: 'y', verifier: 'z', redirectUri: `${server.url}${CALLBACK}`, returnTo: '/' }, 600), '/api/auth/oidc');
    expect(signInError(await stranger.request(back))).toMatch(/^bad-request: no sign-in is under way/);
    expect((await token(stranger)).status).toBe(401);
    // The stranger's tries did not use the code up: the browser that asked for it still signs in.
    expect((await browser.request(back)).location).toBe(`${server.url}/`);
  });

  it('refuses the sign-in when the person declines on the consent page', async () => {
    const browser = createCookieBrowser();
    const loginPage = (await browser.follow(`${server.url}/api/auth/oidc/login`)).at(-1)!;
    const consentPage = (await browser.submit(loginPage, { username: 'vic', password: TEST_USERS.vic!.password })).at(-1)!;
    const hops = await browser.submit(consentPage, {}, { name: 'decision', value: 'deny' }, (hop) => !!hop.location?.startsWith(`${server.url}${CALLBACK}`));
    const refused = await browser.request(hops.at(-1)!.location!);
    expect(signInError(refused)).toBe('forbidden: the provider refused the sign-in: access_denied (the user declined)');
    expect((await token(browser)).status).toBe(401);
  });

  it('does not take a wrong password', async () => {
    const browser = createCookieBrowser();
    const loginPage = (await browser.follow(`${server.url}/api/auth/oidc/login`)).at(-1)!;
    const again = (await browser.submit(loginPage, { username: 'ana', password: 'guess' })).at(-1)!;
    expect(again.status).toBe(401);
    expect(again.body).toContain('Wrong username or password.');
  });

  it('issues a token that opens documents over the WebSocket and ends at its short exp', async () => {
    const { browser } = await signIn('ana');
    const issued = (await token(browser)).body.token!;
    const ana = connect(server.wsUrl, 'acme:notes:oidc-socket', issued);
    const otherOrg = connect(server.wsUrl, 'globex:notes:oidc-socket', issued);
    clients.push(ana, otherOrg);
    await ana.synced();
    setNotesTitle(ana.doc, 'written with a token from sign-in');
    await ana.acknowledged();
    await waitFor(() => otherOrg.refusals.length > 0, 'the other org to be refused');
    expect(otherOrg.refusals[0]).toMatch(/^forbidden: a member of acme may not open documents of another org/);

    await waitFor(() => ana.refusals.find((r) => r.startsWith('token-expired')), 'the connection to end at exp', (TOKEN_TTL_SECONDS + 10) * 1000);
  });

  it('makes a viewer read-only on the WebSocket', async () => {
    const issued = (await token((await signIn('vic')).browser)).body.token!;
    const vic = connect(server.wsUrl, 'acme:notes:oidc-viewer', issued);
    clients.push(vic);
    await vic.synced();
    expect(vic.provider.authorizedScope).toBe('readonly');
  });

  it('renews the token while the session lasts, keeping an open connection, and not after sign-out', async () => {
    const { browser } = await signIn('ana');
    const first = (await token(browser)).body.token!;
    const ana = connect(server.wsUrl, 'acme:notes:oidc-renewal', first);
    clients.push(ana);
    await ana.synced();

    // Renewed a moment later, as the web app does before exp: the new token ends later.
    await waitFor(() => Date.now() >= (decodeJwt(first).iat! + 1) * 1000, 'a second to pass');
    const renewed = await token(browser);
    expect(renewed.status).toBe(200);
    expect(decodeJwt(renewed.body.token!)).toMatchObject({ sub: 'ana', org: 'acme', role: 'editor' });
    expect(decodeJwt(renewed.body.token!).exp).toBeGreaterThan(decodeJwt(first).exp!);
    ana.provider.configuration.token = renewed.body.token!;
    await ana.provider.sendToken();
    const expiresAt = decodeJwt(first).exp! * 1000;
    await waitFor(() => Date.now() > expiresAt + 500, 'the first token to expire', (TOKEN_TTL_SECONDS + 10) * 1000);
    setNotesTitle(ana.doc, 'after the first token expired');
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);

    const out = await browser.request(`${server.url}/api/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^concord_session=; Path=\/api\/auth; Max-Age=0; HttpOnly; SameSite=Lax$/);
    expect(await token(browser)).toEqual({ status: 401, body: { error: 'unauthorized', message: 'not signed in, or the sign-in has ended: sign in again' } });
  });

  it('takes neither sign-in cookie as a token, nor one cookie for the other', async () => {
    const { browser } = await signIn('ana');
    const session = browser.cookie(SERVER_HOST, 'concord_session')!;
    const docs = await fetch(`${server.url}/api/docs/acme:notes:x`, { headers: { Authorization: `Bearer ${session}` } });
    expect(docs.status).toBe(401);
    const starting = createCookieBrowser();
    await starting.request(`${server.url}/api/auth/oidc/login`);
    const login = starting.cookie(SERVER_HOST, 'concord_oidc_login')!;
    const confused = createCookieBrowser();
    confused.setCookie(SERVER_HOST, 'concord_session', login, '/api/auth');
    expect((await token(confused)).status).toBe(401);
  });
});

describe('a provider that cannot be reached', () => {
  it('sends the browser back to the web app with provider-unavailable', async () => {
    const gone = await startTestIdp();
    await gone.close();
    const lonely = await startTestServer({ env: { OIDC_ISSUER: gone.issuer, OIDC_CLIENT_ID: 'concord', OIDC_ORG: 'acme' } });
    try {
      const hop = await createCookieBrowser().request(`${lonely.url}/api/auth/oidc/login`);
      expect(hop.status).toBe(303);
      expect(signInError(hop)).toMatch(/^provider-unavailable: could not read the provider's metadata/);
      const metrics = await (await fetch(`${lonely.url}/metrics`)).text();
      expect(metrics).toContain('concord_refusals_total{code="provider-unavailable"} 1');
    } finally {
      await lonely.close();
    }
  });
});
