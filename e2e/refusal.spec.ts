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

test('after a refused change drops the local copy, the channel shows the server’s messages and stays live', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await bo.page.getByLabel('Message #general').fill('Posted before the refusal');
  await bo.page.getByLabel('Message #general').press('Enter');
  const anaMessages = ana.page.getByTestId('messages');
  await expect(anaMessages).toContainText('Posted before the refusal');

  // Only the author may change a message: rewriting Bo's is refused as impersonation, and Ana's copy is reset.
  await ana.page.evaluate(() => {
    const doc = window.concordTest?.doc('acme:channel:general');
    const message = doc?.getArray<import('yjs').Map<unknown>>('messages').toArray().find((m) => m.get('text') === 'Posted before the refusal');
    message?.set('text', 'Rewritten by Ana');
  });
  await expect(ana.page.getByRole('status').getByText(/The server refused a change to channel/)).toBeVisible();
  await expect(anaMessages).toContainText('Posted before the refusal');
  await expect(anaMessages).not.toContainText('Rewritten by Ana');

  // The fresh copy is connected, not only loaded once: both directions still reach the other person.
  await bo.page.getByLabel('Message #general').fill('Posted after the refusal');
  await bo.page.getByLabel('Message #general').press('Enter');
  await expect(anaMessages).toContainText('Posted after the refusal');
  await ana.page.getByLabel('Message #general').fill('Ana is still heard');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(bo.page.getByTestId('messages')).toContainText('Ana is still heard');
});
