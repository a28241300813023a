import { expect, goOffline, goOnline, openSidebarLink, test } from './support/fixtures.ts';

test('a field changed differently by two offline people shows a conflict to both until one resolves it', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  for (const person of [ana, bo]) {
    await openSidebarLink(person, /Northwind renewal/);
    await expect(person.page.getByLabel('Amount (EUR)')).toHaveValue('42000');
  }

  await goOffline(ana);
  await goOffline(bo);
  await ana.page.getByLabel('Amount (EUR)').fill('50000');
  await ana.page.getByLabel('Amount (EUR)').press('Enter');
  await bo.page.getByLabel('Amount (EUR)').fill('65000');
  await bo.page.getByLabel('Amount (EUR)').press('Enter');
  await expect(ana.page.getByTestId('connection')).toContainText('pending');
  await goOnline(ana);
  await goOnline(bo);

  for (const person of [ana, bo]) {
    await expect(person.page.getByTestId('field-amount').getByTestId('conflict-badge')).toBeVisible();
  }

  await ana.page.getByTestId('field-amount').getByTestId('conflict-badge').click();
  const dialog = ana.page.getByRole('dialog', { name: 'Review “Amount (EUR)”' });
  const candidates = dialog.getByTestId('candidate');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.filter({ hasText: 'Ana' })).toContainText('50000');
  await expect(candidates.filter({ hasText: 'Bo' })).toContainText('65000');
  await capture(ana, 'form-conflict-review');
  await dialog.getByRole('button', { name: 'Keep Bo’s' }).click();

  for (const person of [ana, bo]) {
    await expect(person.page.getByLabel('Amount (EUR)')).toHaveValue('65000');
    await expect(person.page.getByTestId('field-amount').getByTestId('conflict-badge')).toHaveCount(0);
  }
  await capture(ana, 'form-conflict-ana');
  await capture(bo, 'form-conflict-bo');
});
