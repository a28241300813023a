import { expect, goOffline, goOnline, test } from './support/fixtures.ts';

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

  await goOnline(ana);
  await expect(bo.page.getByTestId('messages')).toContainText('Written on the train');
  await expect(ana.page.getByTestId('connection')).toHaveText(/^Online/);
  await capture(ana, 'offline-ana');
  await capture(bo, 'offline-bo');
});
