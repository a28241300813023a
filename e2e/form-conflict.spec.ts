import { expect, goOffline, goOnline, openSidebarLink, test, type Person } from './support/fixtures.ts';

test('a field changed differently by two offline people shows a conflict to both until one resolves it, and their inbox items say so', async ({ signIn, capture }) => {
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
    await expect(inboxLink(person).getByLabel('1 unread')).toBeVisible();
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

  // The item each of them got now says the conflict is settled, and no longer counts as unread.
  for (const person of [ana, bo]) {
    await expect(inboxLink(person).getByLabel(/unread/)).toHaveCount(0);
    await openSidebarLink(person, /Inbox/);
    const item = person.page.getByTestId('inbox').getByRole('listitem').filter({ hasText: 'Amount (EUR) on Northwind renewal' });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('conflict resolved by Ana');
    await expect(item).not.toContainText('review it');
    await expect(item).toHaveAttribute('data-unread', 'false');
    await expect(item.getByRole('button', { name: 'Mark read' })).toHaveCount(0);
  }
  await capture(bo, 'form-conflict-inbox-bo');
});

const inboxLink = (person: Person) => person.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Inbox/ });
