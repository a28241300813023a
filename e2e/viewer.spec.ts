import { expect, test } from './support/fixtures.ts';

test('a viewer reads along but is offered no way to write', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  await ana.page.getByLabel('Message #general').fill('Welcome, Vic');
  await ana.page.getByLabel('Message #general').press('Enter');
  const vic = await signIn('Vic', { role: 'viewer' });
  await expect(vic.page.getByTestId('messages')).toContainText('Welcome, Vic');
  await expect(vic.page.getByText('viewers cannot post')).toBeVisible();
  await expect(vic.page.getByRole('button', { name: 'Reply' })).toHaveCount(0);
  await expect(vic.page.getByRole('button', { name: 'New channel' })).toHaveCount(0);
  await expect(ana.page.getByRole('list', { name: 'People online' }).locator('[data-user="vic"]')).toBeVisible();
  await expect(vic.page.getByTestId('connection')).toHaveText(/^Connected/);
  await capture(vic, 'viewer');
});
