import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('Ana invites Bo to a meeting; Bo finds the invitation in the inbox, opens it and joins', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');

  await ana.page.getByRole('button', { name: 'Schedule meeting' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Design review');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Schedule' }).click();
  await ana.page.getByRole('group', { name: 'Meeting status' }).getByRole('button', { name: 'Start' }).click();
  await ana.page.getByRole('button', { name: 'Join' }).click();

  // Bo is in the workspace's people: the picker offers him by name.
  const invite = ana.page.getByRole('combobox', { name: 'Invite someone' });
  await invite.pressSequentially('Bo');
  await ana.page.getByRole('listbox', { name: 'Invite someone' }).getByRole('option', { name: /Bo/ }).click();
  const anaList = ana.page.getByTestId('participants');
  await expect(anaList.locator('li[data-state="invited"]')).toContainText('Bo');
  await expect(anaList.locator('li[data-state="invited"]')).toContainText('invited by you');

  const inbox = bo.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Inbox/ });
  await expect(inbox.getByLabel('1 unread')).toBeVisible();
  await openSidebarLink(bo, /Inbox/);
  const item = bo.page.getByTestId('inbox').getByRole('listitem').filter({ hasText: 'Ana invited you to Design review' });
  await expect(item).toBeVisible();
  await item.getByRole('link', { name: 'Open' }).click();

  await expect(bo.page.getByRole('heading', { name: 'Design review' })).toBeVisible();
  await expect(bo.page.getByTestId('participants').locator('li[data-state="invited"]')).toContainText('invited by Ana');
  await expect(inbox.getByLabel('1 unread')).toHaveCount(0);
  await bo.page.getByRole('button', { name: 'Join' }).click();

  await expect(anaList.locator('li[data-state="joined"]').filter({ hasText: 'Bo' })).toContainText('joined');
  await expect(anaList.locator('li[data-state="invited"]')).toHaveCount(0);
  await expect(bo.page.getByRole('button', { name: 'Leave' })).toBeVisible();
  await capture(ana, 'meeting-invite-ana');
  await capture(bo, 'meeting-invite-bo');
});
