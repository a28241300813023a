/**
 * Sign-in with the organisation's OpenID Connect provider (README, Sign-in), against a real one
 * (oidc-provider, with test users) on another site than the server: people sign in on its login and
 * consent pages, co-edit, keep a document open across a token renewal (tokens last 20 s here) with
 * no connection dropped, and sign out.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestIdp, TEST_USERS, ORG_CLAIM, ROLE_CLAIM, type TestIdp } from '../server/test/helpers/oidc-provider.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { expiresAtMs } from './support/tokens.ts';

/** Long enough for a first load on a busy machine; the app renews at three quarters of it. */
const TOKEN_TTL_SECONDS = 20;
const PROVIDER = 'Test IdP';

let idp: TestIdp;
let server: RunningServer;

test.beforeEach(async () => {
  idp = await startTestIdp();
  server = await startServer({
    authSecret: 'e2e-oidc-secret-that-is-long-enough-for-hs256',
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ORG_CLAIM: ORG_CLAIM,
      OIDC_ROLE_CLAIM: ROLE_CLAIM,
      OIDC_PROVIDER_NAME: PROVIDER,
      OIDC_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    },
  });
  idp.allowRedirect(`${server.url}/api/auth/oidc/callback`);
});

test.afterEach(async () => {
  await server?.stop();
  await idp?.close();
});

async function signInWithProvider(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error: ${error.message}`));
  await page.goto('/');
  await page.getByRole('link', { name: `Sign in with ${PROVIDER}` }).click();
  // The provider's own pages, on its own site.
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(TEST_USERS[username]!.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Allow Concord?' })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/`));
  await expect(page.getByRole('heading', { name: '# general' })).toBeVisible({ timeout: 30_000 });
  return page;
}

async function post(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message #general').fill(text);
  await page.getByLabel('Message #general').press('Enter');
  await expect(page.getByTestId('messages')).toContainText(text);
}

async function storedToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => localStorage.getItem('concord.token'));
  expect(token).toBeTruthy();
  return token!;
}

async function refusals(page: Page, code: string): Promise<number> {
  const text = await (await page.request.get(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`concord_refusals_total{code="${code}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

test('people sign in with the provider, co-edit, keep editing across a token renewal, and sign out', async ({ browser }) => {
  test.setTimeout(150_000);
  const ana = await signInWithProvider(browser, 'ana');
  await expect(ana.getByTestId('me')).toHaveText('Ana Editor');
  const bo = await signInWithProvider(browser, 'bo');

  await post(ana, 'Hello from Ana, signed in with the provider');
  await expect(bo.getByTestId('messages')).toContainText('Hello from Ana, signed in with the provider');
  await post(bo, 'Hello back from Bo');
  await expect(ana.getByTestId('messages')).toContainText('Hello back from Bo');

  // Roles come from the provider's claim: Vic is a viewer.
  const vic = await signInWithProvider(browser, 'vic');
  await expect(vic.getByTestId('me')).toContainText('read only');
  await expect(vic.getByText('viewers cannot post')).toBeVisible();
  await expect(vic.getByTestId('messages')).toContainText('Hello back from Bo');

  // Ana keeps #general open past her token's expiry: the app renews it before, on the open connection.
  const first = await storedToken(ana);
  await expect.poll(() => Date.now(), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(expiresAtMs(first) + 1_000);
  const renewed = await storedToken(ana);
  expect(expiresAtMs(renewed)).toBeGreaterThan(expiresAtMs(first));
  await post(ana, 'Written after the first token expired');
  await expect(bo.getByTestId('messages')).toContainText('Written after the first token expired');
  await expect(ana.getByTestId('connection')).toHaveText(/^Connected/);
  // No document connection was closed for an expired token: none dropped.
  expect(await refusals(ana, 'token-expired')).toBe(0);

  await ana.getByRole('button', { name: 'Sign out' }).click();
  await expect(ana.getByRole('link', { name: `Sign in with ${PROVIDER}` })).toBeVisible();
  expect(await ana.evaluate(() => localStorage.getItem('concord.token'))).toBeNull();
  await expect.poll(async () => (await ana.request.post(`${server.url}/api/auth/token`)).status()).toBe(401);
  await ana.reload();
  await expect(ana.getByRole('link', { name: `Sign in with ${PROVIDER}` })).toBeVisible();
  // Bo is unaffected.
  await post(bo, 'Bo is still here');
});

test('a sign-in the provider refuses comes back to the sign-in screen with the reason', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: `Sign in with ${PROVIDER}` }).click();
  await page.getByLabel('Username').fill('vic');
  await page.getByLabel('Password').fill(TEST_USERS.vic!.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('alert')).toHaveText('Sign-in failed (forbidden: the provider refused the sign-in: access_denied (the user declined)).');
  await expect(page.getByRole('link', { name: `Sign in with ${PROVIDER}` })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
});
