import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('a change the server refuses is reported, dropped with the local copy, and never reaches anyone else', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByRole('button', { name: 'Schedule meeting' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Planning');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Schedule' }).click();
  await openSidebarLink(bo, /Planning/);
  await expect(bo.page.getByTestId('meeting-status')).toHaveText('Scheduled');

  // No screen offers scheduled → paused; a client that writes it anyway is refused
  // (docs/PROTOCOL.md, "Change rules", "Errors").
  const meetingDoc = new URL(ana.page.url()).pathname.split('/').pop()!;
  await ana.page.evaluate((id) => {
    window.concordTest?.doc(`acme:meeting:${id}`)?.getMap('meta').set('status', 'paused');
  }, meetingDoc);

  await expect(ana.page.getByRole('status').getByText(/The server refused a change to meeting/)).toBeVisible();
  await expect(ana.page.getByTestId('meeting-status')).toHaveText('Scheduled');
  await expect(ana.page.getByRole('group', { name: 'Meeting status' }).getByRole('button')).toHaveText(['Start', 'Cancel meeting']);
  await expect(bo.page.getByTestId('meeting-status')).toHaveText('Scheduled');
  await capture(ana, 'refusal-ana');
});
