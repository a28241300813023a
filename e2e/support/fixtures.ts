/**
 * The journeys' fixtures: a fresh server per test, and people — each person is a browser context of
 * their own (own storage, own IndexedDB, own service worker), signed in through the dev form.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from './server.ts';
import { mintToken } from './tokens.ts';

export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  /** The token the person arrived with in the URL fragment, if they did not use the dev form. */
  token?: string;
}

export interface SignInOptions {
  role?: 'viewer' | 'editor' | 'admin';
  /**
   * Arrive with a token in the URL fragment that expires after this many seconds, signed with
   * AUTH_SECRET or, on a dev-mode server, with its dev secret (DATA_DIR/dev-secret).
   */
  tokenTtlSeconds?: number;
}

export interface Options {
  /**
   * Run the server with AUTH_SECRET instead of dev mode; people then arrive with a token in the URL
   * fragment, as from a host application. A dev-mode server makes a new secret on every start, so
   * the restart journey needs this for tokens to outlive the restart.
   */
  authSecret: string | undefined;
  /** The built app the server serves; the journeys' test build (with test hooks) by default. */
  webRoot: string | undefined;
}

export interface Fixtures {
  server: RunningServer;
  /** Signs a new person in (org `acme`, role editor) and waits until #general is shown. */
  signIn(name: string, options?: SignInOptions): Promise<Person>;
  /** Writes this journey's end state to e2e/screenshots/<file>.png. */
  capture(person: Person, file: string): Promise<void>;
}

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export const test = base.extend<Fixtures & Options>({
  authSecret: [undefined, { option: true }],
  webRoot: [undefined, { option: true }],
  server: async ({ authSecret, webRoot }, use) => {
    const server = await startServer({ ...(authSecret ? { authSecret } : {}), ...(webRoot ? { webRoot } : {}) });
    await use(server);
    await server.stop();
  },
  signIn: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (name, options = {}) => {
      const context = await browser.newContext({ baseURL: server.url });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
      // The browser logs every refused WebSocket connection while a server is down; that is expected.
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('WebSocket connection to')) console.error(`[${name}] console error: ${message.text()}`);
      });
      const secret = server.authSecret ?? (options.tokenTtlSeconds ? readFileSync(join(server.dataDir, 'dev-secret'), 'utf8').trim() : undefined);
      let token: string | undefined;
      if (secret) {
        const claims = { sub: name.toLowerCase(), name, org: 'acme', role: options.role ?? 'editor' };
        token = mintToken(secret, claims, options.tokenTtlSeconds);
        await page.goto(`/#token=${token}`);
      } else {
        await page.goto('/');
        await page.getByLabel('Your name').fill(name);
        if (options.role) await page.getByLabel('Role').selectOption(options.role);
        await page.getByRole('button', { name: 'Sign in' }).click();
      }
      // A first visit loads the app and syncs the directory from scratch: allow for a busy machine.
      await expect(page.getByRole('heading', { name: '# general' })).toBeVisible({ timeout: 30_000 });
      return { name, context, page, ...(token ? { token } : {}) };
    });
    for (const context of contexts) await context.close().catch(() => undefined);
  },
  capture: async ({}, use) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (person, file) => {
      await person.page.screenshot({ path: `${SCREENSHOTS}${file}.png` });
    });
  },
});

export { expect };

/** Really offline: the WebSocket is closed (SETUP-NOTES: `setOffline` alone keeps it open). */
export async function goOffline(person: Person): Promise<void> {
  await person.context.setOffline(true);
  await person.page.evaluate(() => window.concordTest?.cutSocket());
  await expect(person.page.getByTestId('connection')).toContainText('Offline');
}

export async function goOnline(person: Person): Promise<void> {
  await person.context.setOffline(false);
  await person.page.evaluate(() => window.concordTest?.restoreSocket());
  await expect(person.page.getByTestId('connection')).toContainText(/Connected|Syncing/);
}

export async function openSidebarLink(person: Person, name: string | RegExp): Promise<void> {
  await person.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name }).click();
}
