/**
 * A token that expires while the app is open (README, Refusals: `token-expired`): the server closes
 * the document connections at `exp`; a dev-mode app that could not renew its token before (it tries,
 * README "Sign-in") renews it then and reconnects by itself, an app holding a host application's
 * token sends the user to sign in. No local edit is lost either way.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Person } from './support/fixtures.ts';
import { expiresAtMs, mintToken } from './support/tokens.ts';

/** Long enough for a first load on a busy machine to finish before the token expires. */
const TTL_SECONDS = 12;

async function post(person: Person, text: string): Promise<void> {
  await person.page.getByLabel('Message #general').fill(text);
  await person.page.getByLabel('Message #general').press('Enter');
  await expect(person.page.getByTestId('messages')).toContainText(text);
}

/** Waits for a moment on the wall clock (the token's expiry), not for a fixed time. */
async function until(ms: number): Promise<void> {
  await expect.poll(() => Date.now(), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(ms);
}

async function refusalCount(page: Page, serverUrl: string, code: string): Promise<number> {
  const text = await (await page.request.get(`${serverUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`concord_refusals_total{code="${code}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

test('in dev mode a token that could not be renewed in time is renewed once expired, and the app reconnects, keeping messages written around the expiry', async ({ signIn, server }) => {
  const bo = await signIn('Bo');
  const ana = await signIn('Ana', { tokenTtlSeconds: TTL_SECONDS });
  const expiresAt = expiresAtMs(ana.token!);
  // The app renews before exp (README, Sign-in); here the server cannot be asked until after it.
  let renewals = 'refused';
  await ana.page.route('**/api/dev/token', (route) => (renewals === 'refused' ? route.abort() : route.continue()));

  await until(expiresAt - 1_500);
  await post(ana, 'Just before the token expired');
  await until(expiresAt + 500);
  renewals = 'allowed';
  await post(ana, 'Just after the token expired');

  await expect(bo.page.getByTestId('messages')).toContainText('Just before the token expired', { timeout: 30_000 });
  await expect(bo.page.getByTestId('messages')).toContainText('Just after the token expired', { timeout: 30_000 });
  await expect(ana.page.getByTestId('connection')).toHaveText(/^Connected/);
  await expect(ana.page.getByRole('heading', { name: '# general' })).toBeVisible();
  // The server did end the old token's connections; the app holds (and keeps for a reload) a new one.
  expect(await refusalCount(ana.page, server.url, 'token-expired')).toBeGreaterThan(0);
  const stored = await ana.page.evaluate(() => localStorage.getItem('concord.token'));
  expect(stored).not.toBe(ana.token);
  expect(expiresAtMs(stored!)).toBeGreaterThan(expiresAt);
});

test.describe('with a token from the host application', () => {
  const secret = 'e2e-expiry-secret-that-is-long-enough-for-hs256';
  test.use({ authSecret: secret });

  test('the app asks to sign in again, and a message written before the expiry is sent once the person is back', async ({ signIn }) => {
    const bo = await signIn('Bo');
    const ana = await signIn('Ana', { tokenTtlSeconds: TTL_SECONDS });
    const expiresAt = expiresAtMs(ana.token!);

    // Written while the socket is cut, so it is still pending locally when the token expires.
    await ana.page.evaluate(() => window.concordTest?.cutSocket());
    await post(ana, 'Written before the token expired');
    await ana.page.evaluate(() => window.concordTest?.persisted('acme:channel:general'));
    await until(expiresAt + 500);
    await ana.page.evaluate(() => window.concordTest?.restoreSocket());

    await expect(ana.page.getByText(/Please sign in again \(token-expired/)).toBeVisible({ timeout: 30_000 });
    await expect(bo.page.getByTestId('messages')).not.toContainText('Written before the token expired');

    // The host application hands out a fresh token; the pending message was kept in IndexedDB.
    await ana.page.goto(`/#token=${mintToken(secret, { sub: 'ana', name: 'Ana', org: 'acme', role: 'editor' })}`);
    await expect(ana.page.getByRole('heading', { name: '# general' })).toBeVisible({ timeout: 30_000 });
    await expect(bo.page.getByTestId('messages')).toContainText('Written before the token expired', { timeout: 30_000 });
    await expect(ana.page.getByTestId('connection')).toHaveText(/^Connected/);
  });
});
