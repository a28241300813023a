import { expect, goOffline, goOnline, openSidebarLink, test } from './support/fixtures.ts';
import { routeLink } from './support/network.ts';

test('a message written offline survives an offline reload and reaches the other person on reconnect', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  // The service worker must control the page before the network goes, or the reload has no shell.
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await goOffline(ana);
  await ana.page.getByLabel('Message #general').fill('Written on the train');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(ana.page.getByTestId('messages')).toContainText('Written on the train');
  await expect(ana.page.getByTestId('connection')).toContainText('pending');
  await ana.page.evaluate(() => window.concordTest?.persisted('acme:channel:general'));

  await ana.page.reload();
  await expect(ana.page.getByRole('heading', { name: '# general' })).toBeVisible();
  await expect(ana.page.getByTestId('messages')).toContainText('Written on the train');
  await expect(ana.page.getByTestId('connection')).toContainText('Offline');
  await expect(bo.page.getByTestId('messages')).not.toContainText('Written on the train');

  // A screen never opened before still opens: the worker keeps every part of the app, not only what was loaded.
  await openSidebarLink(ana, 'Welcome to Concord');
  await expect(ana.page.getByRole('textbox', { name: 'Page content' })).toContainText('This page is shared with everyone');
  await openSidebarLink(ana, '# general');

  await goOnline(ana);
  await expect(bo.page.getByTestId('messages')).toContainText('Written on the train');
  await expect(ana.page.getByTestId('connection')).toHaveText(/^Connected/);
  await capture(ana, 'offline-ana');
  await capture(bo, 'offline-bo');
});

test('a new service worker drops what other builds left in the cache, and keeps this build', async ({ signIn }) => {
  const { page } = await signIn('Ana');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = (path: string) => page.evaluate((url) => caches.match(url).then((response) => response !== undefined), path);
  const entry = await page.locator('script[type="module"]').getAttribute('src');
  expect(entry).toMatch(/^\/assets\//);
  await expect.poll(() => cached(entry!)).toBe(true);

  // What an earlier build left behind: a hashed file that this build does not have, beside this build's files.
  const stale = '/assets/index-0ld8u1ld.js';
  await page.evaluate(async ({ entry, stale }) => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      if (await cache.match(entry)) await cache.put(stale, new Response('// an earlier build', { headers: { 'Content-Type': 'text/javascript' } }));
    }
  }, { entry: entry!, stale });
  expect(await cached(stale)).toBe(true);

  // Browsers install a worker again when its script changes; the same script at another address does that too.
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?next-build'));
  await expect.poll(() => cached(stale), { timeout: 30_000 }).toBe(false);
  expect(await cached(entry!)).toBe(true);
});

test('a connection that dies without a word shows Offline within seconds; edits made on it count as edits, survive an offline reload and arrive when it is back', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  const link = await routeLink(ana);
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const connection = ana.page.getByTestId('connection');
  // The record is opened once while online, so that it has a local copy to edit offline.
  await openSidebarLink(ana, /Northwind renewal/);
  await expect(ana.page.getByLabel('Amount (EUR)')).toHaveValue('42000');
  for (const person of [ana, bo]) {
    await openSidebarLink(person, 'Welcome to Concord');
    await person.page.getByLabel('Page content').getByText('when you are back online.').waitFor();
  }
  await expect(connection).not.toContainText('Offline');

  link.die();
  await ana.page.getByLabel('Page content').press('Control+End');
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.type('Written on a dead line.');
  // The provider alone notices only after 30 s without a message; a person needs to know sooner.
  await expect(connection).toContainText('Offline', { timeout: 5_000 });

  await openSidebarLink(ana, /Northwind renewal/);
  await ana.page.getByLabel('Amount (EUR)').fill('48000');
  await ana.page.getByLabel('Amount (EUR)').press('Enter');
  // One typed line and one field: two edits, however many keystrokes the line took.
  await expect(connection).toContainText('Offline · 2 pending');
  for (const name of ['acme:notes:welcome', 'acme:form:deal.1']) await ana.page.evaluate((doc) => window.concordTest?.persisted(doc), name);

  await ana.context.setOffline(true);
  await ana.page.reload();
  await expect(ana.page.getByLabel('Amount (EUR)')).toHaveValue('48000');
  await expect(connection).toContainText('Offline · 2 pending');
  await expect(bo.page.getByLabel('Page content')).not.toContainText('Written on a dead line.');

  await ana.context.setOffline(false);
  link.revive();
  await expect(bo.page.getByLabel('Page content')).toContainText('Written on a dead line.');
  await openSidebarLink(bo, /Northwind renewal/);
  await expect(bo.page.getByLabel('Amount (EUR)')).toHaveValue('48000');
  await expect(connection).toHaveText(/^Connected/);
  await capture(ana, 'dead-link-ana');
});
