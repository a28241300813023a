import { expect, goOffline, goOnline, openSidebarLink, test } from './support/fixtures.ts';

test('the deals list shows every deal with its fields, sorts, filters, flags a conflict and creates a deal', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  const { page } = ana;

  await openSidebarLink(ana, /^Deals/);
  const rows = page.getByTestId('record-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Northwind renewal');
  await expect(rows.first()).toContainText('42000');
  // The columns are the deal schema's fields; the list starts sorted by title (▲).
  await expect(page.getByRole('columnheader')).toHaveText(['Title ▲', 'Company', 'Amount (EUR)', 'Stage', 'Close date', 'High priority', 'Next step']);

  // "New deal" opens the form of a new deal; the list has it when Ana comes back.
  await page.getByRole('button', { name: 'New deal' }).click();
  await page.getByRole('dialog').getByLabel('Title').fill('Acme expansion');
  await page.getByRole('button', { name: 'Create record' }).click();
  await expect(page.getByRole('heading', { name: 'Acme expansion' })).toBeVisible();
  await page.getByLabel('Company').fill('Acme');
  await page.getByLabel('Company').press('Enter');
  await page.getByLabel('Amount (EUR)').fill('1500');
  await page.getByLabel('Amount (EUR)').press('Enter');
  await openSidebarLink(ana, /^Deals/);
  await expect(rows).toHaveCount(2);

  // Sorting by amount, both ways.
  const amount = page.getByRole('columnheader', { name: /Amount/ });
  await amount.getByRole('button').click();
  await expect(amount).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('Acme expansion');
  await amount.getByRole('button').click();
  await expect(amount).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('Northwind renewal');

  // Filtering by any shown value, accents and case aside.
  await page.getByLabel('Filter').fill('ACMÉ');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Acme expansion');
  await page.getByLabel('Filter').fill('');
  await expect(rows).toHaveCount(2);

  // Two people change the same amount offline: the row carries a conflict badge, for Bo too, who
  // only has the list open (the server's projection brings it).
  await openSidebarLink(bo, /Northwind renewal/);
  await expect(bo.page.getByLabel('Amount (EUR)')).toHaveValue('42000');
  await openSidebarLink(ana, /Northwind renewal/);
  await expect(page.getByLabel('Amount (EUR)')).toHaveValue('42000');
  await goOffline(ana);
  await goOffline(bo);
  await page.getByLabel('Amount (EUR)').fill('50000');
  await page.getByLabel('Amount (EUR)').press('Enter');
  await bo.page.getByLabel('Amount (EUR)').fill('65000');
  await bo.page.getByLabel('Amount (EUR)').press('Enter');
  await goOnline(ana);
  await goOnline(bo);
  await expect(page.getByTestId('field-amount').getByTestId('conflict-badge')).toBeVisible();
  await openSidebarLink(bo, /^Deals/);
  await openSidebarLink(ana, /^Deals/);
  for (const person of [ana, bo]) {
    const northwind = person.page.getByTestId('record-row').filter({ hasText: 'Northwind renewal' });
    await expect(northwind.getByTestId('row-conflict')).toHaveText('1 conflict');
    await expect(person.page.getByTestId('row-conflict')).toHaveCount(1);
  }
  await capture(ana, 'records-deals');
});

test('a viewer reads the list and the pipeline but is offered no way to create or move', async ({ signIn }) => {
  // An editor's first visit sets the workspace up; a viewer's cannot.
  await signIn('Ana');
  const vera = await signIn('Vera', { role: 'viewer' });
  await openSidebarLink(vera, /^Deals/);
  await expect(vera.page.getByTestId('record-row')).toHaveCount(1);
  await expect(vera.page.getByRole('button', { name: 'New deal' })).toHaveCount(0);
  await vera.page.getByRole('link', { name: 'Pipeline' }).click();
  const card = vera.page.getByTestId('column-proposal').getByTestId('card');
  await expect(card).toContainText('Northwind renewal');
  await expect(card).toHaveAttribute('draggable', 'false');
  await expect(vera.page.getByLabel(/^Move .* to$/)).toHaveCount(0);
});
