import { expect, test } from './support/fixtures.ts';

test('people see each other arrive, change status and leave, and a closed tab stops typing', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const online = ana.page.getByRole('list', { name: 'People online' });
  await expect(online.locator('[data-user="bo"]')).toHaveCount(0);

  const bo = await signIn('Bo');
  await expect(online.locator('[data-user="bo"]')).toHaveAttribute('data-status', 'online');
  await expect(bo.page.getByRole('list', { name: 'People online' }).locator('[data-user="ana"]')).toBeVisible();

  await bo.page.getByLabel('My status').selectOption('busy');
  await expect(online.locator('[data-user="bo"]')).toHaveAttribute('data-status', 'busy');

  await bo.page.getByLabel('Message #general').pressSequentially('I was about to say');
  await expect(ana.page.getByTestId('typing')).toHaveText('Bo is typing…');
  await bo.page.close();
  await expect(ana.page.getByTestId('typing')).toHaveText('');
  await expect(online.locator('[data-user="bo"]')).toHaveCount(0);
  await capture(ana, 'presence-ana');
});
