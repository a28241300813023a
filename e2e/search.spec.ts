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
