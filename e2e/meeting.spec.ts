import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('a meeting is scheduled, started, joined, paused and ended, and only valid moves are offered', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');

  await ana.page.getByRole('button', { name: 'Schedule meeting' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Schedule a meeting' });
  await dialog.getByLabel('Title').fill('Weekly sync');
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(ana.page.getByRole('heading', { name: 'Weekly sync' })).toBeVisible();

  const controls = (page: typeof ana.page) => page.getByRole('group', { name: 'Meeting status' });
  const status = (page: typeof ana.page) => page.getByTestId('meeting-status');
  await expect(status(ana.page)).toHaveText('Scheduled');
  await expect(controls(ana.page).getByRole('button')).toHaveText(['Start', 'Cancel meeting']);

  await openSidebarLink(bo, /Weekly sync/);
  await expect(status(bo.page)).toHaveText('Scheduled');
  await controls(ana.page).getByRole('button', { name: 'Start' }).click();
  await expect(status(bo.page)).toHaveText('In progress');
  await expect(controls(bo.page).getByRole('button')).toHaveText(['Pause', 'End meeting']);

  await bo.page.getByRole('button', { name: 'Join' }).click();
  await expect(ana.page.getByTestId('participants')).toContainText('Bo');
  await ana.page.getByLabel('New agenda item').fill('Review the Northwind deal');
  await ana.page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(bo.page.getByText('Review the Northwind deal')).toBeVisible();

  await controls(bo.page).getByRole('button', { name: 'Pause' }).click();
  await expect(status(ana.page)).toHaveText('Paused');
  await expect(controls(ana.page).getByRole('button')).toHaveText(['Resume', 'End meeting']);

  await controls(ana.page).getByRole('button', { name: 'End meeting' }).click();
  for (const person of [ana, bo]) {
    await expect(status(person.page)).toHaveText('Ended');
    await expect(controls(person.page).getByRole('button')).toHaveCount(0);
  }
  await expect(bo.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Weekly sync/ })).toContainText('ended');
  await capture(ana, 'meeting-ana');
  await capture(bo, 'meeting-bo');
});
