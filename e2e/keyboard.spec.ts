import { expect, test } from './support/fixtures.ts';

test('the keyboard alone: reach the message box, switch channels, open dialogs on their first field, close with Escape, list the shortcuts', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const { page } = ana;
  const composer = page.getByLabel('Message #general');

  // "/" goes straight to the message box, wherever the focus was, and is not typed into it.
  await page.getByRole('heading', { name: '# general' }).click();
  await page.keyboard.press('/');
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue('');
  await page.keyboard.type('Typed without the mouse');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('messages')).toContainText('Typed without the mouse');

  // A dialog opens on its first field, not on its close button.
  await page.getByRole('button', { name: 'New channel' }).click();
  await expect(page.getByRole('dialog').getByLabel('Name')).toBeFocused();
  await page.keyboard.type('sales');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '# sales' })).toBeVisible();

  await page.getByRole('button', { name: 'New record' }).click();
  await expect(page.getByRole('dialog').getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Alt+↑ / Alt+↓ move between channels in the sidebar's order, even from inside the message box.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Message #sales')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('heading', { name: '# general' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('heading', { name: '# sales' })).toBeVisible();

  // Escape closes a menu and gives the focus back to the button that opened it.
  await page.keyboard.press('Alt+ArrowUp');
  const message = page.getByTestId('message').filter({ hasText: 'Typed without the mouse' });
  await message.getByRole('button', { name: 'Add reaction' }).click();
  await expect(message.getByRole('group', { name: 'Choose a reaction' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(message.getByRole('group', { name: 'Choose a reaction' })).toHaveCount(0);
  await expect(message.getByRole('button', { name: 'Add reaction' })).toBeFocused();

  // "?" lists the shortcuts; Escape closes the list.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Focus the message box');
  await expect(help).toContainText('Next channel');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // Typed into a field, "?" is just a character.
  await page.keyboard.press('/');
  await page.keyboard.type('Any questions?');
  await expect(composer).toHaveValue('Any questions?');
  await expect(help).toHaveCount(0);
});
