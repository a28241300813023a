import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('a named version of a page keeps its text and formatting as they were when saved, for everyone to open read-only, and a writer can restore it live', async ({ signIn, capture }) => {
  // Three people sign in and the page goes through two versions and a restore: more than the usual minute on a busy machine.
  test.slow();
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByRole('button', { name: 'New page' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Launch plan');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Create page' }).click();

  const editor = ana.page.getByLabel('Page content');
  await editor.click();
  await ana.page.keyboard.type('Launch on ');
  await ana.page.keyboard.press('Control+B');
  await ana.page.keyboard.type('Monday');
  await ana.page.keyboard.press('Control+B');
  await ana.page.keyboard.type(' with the pilot customers.');
  await expect(editor.locator('strong')).toHaveText('Monday');
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
  await expect(saved.locator('strong')).toHaveText('Monday');
  await expect(saved.locator('[contenteditable="true"]')).toHaveCount(0);
  await expect(saved).not.toHaveAttribute('contenteditable', 'true');
  await capture(ana, 'notes-version-ana');
  await ana.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Bo sees the version in the list, named by who saved it.
  await openSidebarLink(bo, 'Launch plan');
  const boEditor = bo.page.getByLabel('Page content');
  await expect(boEditor).toContainText('Then everyone on Friday.');
  await bo.page.getByRole('button', { name: 'Versions' }).click();
  const boVersions = bo.page.getByTestId('versions');
  await expect(boVersions.getByRole('button', { name: /Draft/ })).toContainText('Ana');
  await capture(bo, 'notes-versions-bo');

  // Ana restores the draft: a new edit, which Bo sees live; the page as it was before is kept as a version.
  await anaVersions.getByRole('button', { name: /Draft/ }).click();
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(dialog).toHaveCount(0);
  for (const shown of [editor, boEditor]) {
    await expect(shown).not.toContainText('Then everyone on Friday.');
    await expect(shown).toContainText('Launch on Monday with the pilot customers.');
    await expect(shown.locator('strong')).toHaveText('Monday');
  }
  await expect(anaVersions.getByRole('button', { name: /Before restoring “Draft”/ })).toBeVisible();
  await bo.page.getByRole('button', { name: 'Refresh versions' }).click();
  await boVersions.getByRole('button', { name: /Before restoring “Draft”/ }).click();
  const before = bo.page.getByRole('dialog', { name: 'Version “Before restoring “Draft””' }).getByRole('document');
  await expect(before).toContainText('Then everyone on Friday.');
  await bo.page.keyboard.press('Escape');
  // Bo types on after the restore, and it reaches Ana as usual.
  await boEditor.click();
  await bo.page.keyboard.press('Control+End');
  await bo.page.keyboard.type(' Bo agrees.');
  await expect(editor).toContainText('pilot customers. Bo agrees.');

  // A viewer opens the version too, but is offered no restore.
  const vic = await signIn('Vic', { role: 'viewer' });
  await openSidebarLink(vic, 'Launch plan');
  await vic.page.getByRole('button', { name: 'Versions' }).click();
  await vic.page.getByTestId('versions').getByRole('button', { name: /^Draft/ }).click();
  const vicDialog = vic.page.getByRole('dialog', { name: 'Version “Draft”' });
  await expect(vicDialog.getByRole('document').locator('strong')).toHaveText('Monday');
  await expect(vicDialog.getByRole('button', { name: 'Restore this version' })).toHaveCount(0);
});
