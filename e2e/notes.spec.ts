import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('two people write one page and each sees both texts and the other one’s caret', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  for (const person of [ana, bo]) await openSidebarLink(person, 'Welcome to Concord');
  const anaEditor = ana.page.getByLabel('Page content');
  const boEditor = bo.page.getByLabel('Page content');

  await anaEditor.click();
  await ana.page.keyboard.type('Ana writes the agenda.');
  await expect(boEditor).toContainText('Ana writes the agenda.');

  await boEditor.click();
  await bo.page.keyboard.press('Control+End');
  await bo.page.keyboard.press('Enter');
  await bo.page.keyboard.type('Bo adds the budget.');
  await expect(anaEditor).toContainText('Bo adds the budget.');
  await expect(boEditor).toContainText('Ana writes the agenda.');
  await expect(anaEditor).toContainText('Ana writes the agenda.');

  await expect(ana.page.locator('.collaboration-carets__label', { hasText: 'Bo' })).toBeVisible();
  await expect(bo.page.locator('.collaboration-carets__label', { hasText: 'Ana' })).toBeVisible();

  await capture(ana, 'notes-ana');
  await capture(bo, 'notes-bo');
});
