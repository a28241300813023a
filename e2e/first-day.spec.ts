/** What a new team ran into on its first day (issue 11): a deleted message, a meeting's organiser, the activity feed's words. */
import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('a deleted message can be taken back with Undo for a few seconds, for everyone', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByLabel('Message #general').fill('Budget numbers for Q3');
  await ana.page.getByLabel('Message #general').press('Enter');
  const boMessages = bo.page.getByTestId('messages');
  await expect(boMessages).toContainText('Budget numbers for Q3');

  const mine = ana.page.getByTestId('message').filter({ hasText: 'Budget numbers for Q3' });
  await mine.getByRole('button', { name: 'Delete' }).click();
  await expect(boMessages.getByText('This message was deleted.')).toBeVisible();
  const toast = ana.page.getByRole('status').filter({ hasText: 'Message deleted' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(boMessages.getByText('Budget numbers for Q3')).toBeVisible();
  await expect(boMessages.getByText('This message was deleted.')).toHaveCount(0);
  await expect(ana.page.getByTestId('messages').getByText('Budget numbers for Q3')).toBeVisible();
  await expect(toast).toHaveCount(0);

  // Unanswered, the offer goes away by itself and the message stays deleted.
  await mine.getByRole('button', { name: 'Delete' }).click();
  await expect(ana.page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Undo' })).toHaveCount(0, { timeout: 20_000 });
  await expect(boMessages.getByText('This message was deleted.')).toBeVisible();
});

test('a meeting lists its organiser among the participants, also for people who open it later', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await ana.page.getByRole('button', { name: 'Schedule meeting' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Quarterly planning');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Schedule' }).click();
  const organiser = (person: typeof ana) => person.page.getByTestId('participants').getByRole('listitem').filter({ hasText: 'organiser' });
  await expect(organiser(ana)).toContainText('Ana');

  await openSidebarLink(bo, /Quarterly planning/);
  await expect(organiser(bo)).toContainText('Ana');
  // Ana goes away: her name must come from the meeting itself, not from who happens to be online.
  await ana.context.close();
  await expect(bo.page.getByTestId('participants')).not.toContainText('ana');
  await bo.page.reload();
  await expect(organiser(bo)).toContainText('Ana');
});

test('the activity feed says what happened in a person’s words', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const { page } = ana;
  await page.getByRole('button', { name: 'New channel' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('sales');
  await page.getByRole('dialog').getByRole('button', { name: 'Create channel' }).click();
  await page.getByRole('button', { name: 'New record' }).click();
  await page.getByRole('dialog').getByLabel('Title').fill('Acme renewal');
  await page.getByRole('dialog').getByRole('button', { name: 'Create record' }).click();
  await openSidebarLink(ana, 'Welcome to Concord');
  await page.getByLabel('Page title').fill('Team handbook');
  await page.getByLabel('Page title').press('Enter');

  await openSidebarLink(ana, 'Activity');
  const feed = page.getByTestId('activity');
  await expect(feed).toContainText('Ana created channel #sales');
  await expect(feed).toContainText('Ana created record Acme renewal');
  await expect(feed).toContainText('Ana renamed page Team handbook');
  await expect(feed).not.toContainText(/\bform\b|directory/);
});
