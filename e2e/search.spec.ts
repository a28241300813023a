import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('search: Ctrl+K finds a message by the start of a word, accents aside, and opens it in its channel', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByLabel('Message #general').fill('Renewal with Northwind Café is due');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(bo.page.getByTestId('messages').getByText('Renewal with Northwind Café is due')).toBeVisible();

  await openSidebarLink(bo, 'Activity');
  await bo.page.keyboard.press('Control+k');
  const dialog = bo.page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox').fill('cafe northw');
  // Indexing runs shortly after the message is stored: the results come once it has.
  const result = dialog.getByTestId('search-result').filter({ hasText: 'Northwind' });
  await expect(async () => {
    await dialog.getByRole('searchbox').fill('');
    await dialog.getByRole('searchbox').fill('cafe northw');
    await expect(result).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(dialog.getByRole('region', { name: 'Messages' })).toBeVisible();
  await expect(result.locator('mark')).toHaveText(['Northwind', 'Café']);
  await capture(bo, 'search-bo');

  await result.click();
  await expect(dialog).toHaveCount(0);
  await expect(bo.page.getByRole('heading', { name: '# general' })).toBeVisible();
  await expect(bo.page.getByTestId('message').filter({ hasText: 'Northwind' })).toBeInViewport();
});

test('search: a result from the archive opens its channel and loads older history until the message shows', async ({ signIn }) => {
  const ana = await signIn('Ana');
  await openSidebarLink(ana, 'Activity');
  const total = 1150;
  // As in chat-history.spec.ts: a long history in updates of 100 messages; the oldest 150 are archived.
  await ana.page.evaluate((count) => {
    const start = Date.now() - count * 1000;
    for (let first = 1; first <= count; first += 100) {
      const batch = Array.from({ length: Math.min(100, count - first + 1) }, (_, i) => first + i).map((n) => ({
        text: `${n === 3 ? 'Platypus budget' : 'Filler'} message ${String(n).padStart(4, '0')}`,
        authorId: 'ana',
        authorName: 'Ana',
        createdAt: start + n * 1000,
      }));
      window.concordTest?.postMessages('acme:channel:general', batch);
    }
  }, total);
  await ana.page.waitForFunction(() => window.concordTest?.doc('acme:channel:general')?.getArray('messages').length === 1000, undefined, { timeout: 30_000 });

  const bo = await signIn('Bo');
  await openSidebarLink(bo, 'Activity');
  await bo.page.keyboard.press('Control+k');
  const dialog = bo.page.getByRole('dialog', { name: 'Search' });
  const result = dialog.getByTestId('search-result').filter({ hasText: 'Platypus' });
  await expect(async () => {
    await dialog.getByRole('searchbox').fill('');
    await dialog.getByRole('searchbox').fill('platypus bud');
    await expect(result).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await result.click();
  const archived = bo.page.getByTestId('message').filter({ hasText: 'Platypus budget message 0003' });
  await expect(archived).toBeInViewport({ timeout: 20_000 });
  await expect(archived).toHaveAttribute('data-archived', 'true');
});
