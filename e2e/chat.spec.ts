import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('two people chat: typing, message, reply, reaction, edit, delete, unread count, read receipt and a mention', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  const boMessages = bo.page.getByTestId('messages');
  const anaMessages = ana.page.getByTestId('messages');

  await ana.page.getByLabel('Message #general').pressSequentially('Hello team');
  await expect(bo.page.getByTestId('typing')).toHaveText('Ana is typing…');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(boMessages.getByText('Hello team')).toBeVisible();
  await expect(bo.page.getByTestId('typing')).toHaveText('');

  const hello = boMessages.getByTestId('message').filter({ hasText: 'Hello team' }).first();
  await hello.getByRole('button', { name: 'Reply' }).click();
  await bo.page.getByLabel('Reply to Ana').fill('Hi Ana!');
  await bo.page.getByLabel('Reply to Ana').press('Enter');
  const reply = anaMessages.getByRole('list', { name: 'Replies to Ana' }).getByTestId('message').filter({ hasText: 'Hi Ana!' });
  await expect(reply).toBeVisible();

  await reply.getByRole('button', { name: 'Add reaction' }).click();
  await reply.getByRole('button', { name: 'React with 🎉' }).click();
  await expect(boMessages.getByRole('button', { name: '🎉 1' })).toBeVisible();

  const mine = anaMessages.getByTestId('message').filter({ hasText: 'Hello team' }).first();
  await mine.getByRole('button', { name: 'Edit', exact: true }).click();
  await ana.page.getByLabel('Edit message').fill('Hello whole team');
  await ana.page.getByLabel('Edit message').press('Enter');
  await expect(boMessages.getByText('Hello whole team')).toBeVisible();
  await expect(boMessages.getByText('(edited)')).toBeVisible();

  // Bo looks elsewhere: a new message counts as unread until Bo opens the channel again.
  await openSidebarLink(bo, 'Activity');
  await ana.page.getByLabel('Message #general').fill('Anyone around?');
  await ana.page.getByLabel('Message #general').press('Enter');
  const question = anaMessages.getByTestId('message').filter({ hasText: 'Anyone around?' });
  await expect(question.getByTestId('receipt')).toHaveText('Delivered');
  await expect(bo.page.getByTestId('unread-general')).toHaveText('1');
  await openSidebarLink(bo, '# general');
  await expect(boMessages.getByText('Anyone around?')).toBeVisible();
  await expect(bo.page.getByTestId('unread-general')).toHaveCount(0);
  await expect(question.getByTestId('receipt')).toHaveText('Read by Bo');

  await question.getByRole('button', { name: 'Delete' }).click();
  await expect(boMessages.getByText('This message was deleted.')).toBeVisible();
  await expect(boMessages.getByText('Anyone around?')).toHaveCount(0);

  await ana.page.getByLabel('Message #general').fill('@bo please review the Northwind deal');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(bo.page.locator('mark.mention', { hasText: '@bo' })).toBeVisible();
  await openSidebarLink(bo, /Inbox/);
  await expect(bo.page.getByTestId('inbox')).toContainText('Ana mentioned you in #general');

  await capture(ana, 'chat-ana');
  await capture(bo, 'chat-bo');
});
