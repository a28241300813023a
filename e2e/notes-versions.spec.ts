import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('a named version of a page keeps its text as it was when saved, for everyone to open read-only', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByRole('button', { name: 'New page' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Launch plan');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Create page' }).click();

  const editor = ana.page.getByLabel('Page content');
  await editor.click();
  await ana.page.keyboard.type('Launch on Monday with the pilot customers.');
  await ana.page.getByRole('button', { name: 'Versions' }).click();
  await ana.page.getByLabel('Version name').fill('Draft');
  await ana.page.getByLabel('Version name').press('Enter');
  const anaVersions = ana.page.getByTestId('versions');
  await expect(anaVersions.getByRole('button', { name: /Draft/ })).toBeVisible();
  await expect(ana.page.getByLabel('Version name')).toHaveValue('');

  await editor.click();
  await ana.page.keyboard.press('Control+End');
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.type('Then everyone on Friday.');
  await expect(editor).toContainText('Then everyone on Friday.');

  await anaVersions.getByRole('button', { name: /Draft/ }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Version “Draft”' });
  const saved = dialog.getByRole('document', { name: 'Content of version “Draft”' });
  await expect(saved).toHaveText('Launch on Monday with the pilot customers.');
  await expect(saved.locator('[contenteditable]')).toHaveCount(0);
  await capture(ana, 'notes-version-ana');
  await ana.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Bo sees the version in the list, named by who saved it.
  await openSidebarLink(bo, 'Launch plan');
  await expect(bo.page.getByLabel('Page content')).toContainText('Then everyone on Friday.');
  await bo.page.getByRole('button', { name: 'Versions' }).click();
  await expect(bo.page.getByTestId('versions').getByRole('button', { name: /Draft/ })).toContainText('Ana');
  await capture(bo, 'notes-versions-bo');
});
