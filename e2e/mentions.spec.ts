import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('Ana mentions Bo, who is offline, by picking him from the list with the keyboard; Bo finds it in his inbox when he signs in', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  // Bo and Bea have each been here once, so the workspace knows them; then they leave.
  for (const name of ['Bo', 'Bea']) {
    const visitor = await signIn(name);
    await visitor.context.close();
  }

  const composer = ana.page.getByRole('combobox', { name: 'Message #general' });
  await composer.pressSequentially('Hi @b');
  const list = ana.page.getByRole('listbox', { name: 'People to mention' });
  await expect(list.getByRole('option')).toHaveText([/Bea/, /Bo/]);
  await expect(composer).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option', { name: /Bea/ })).toHaveAttribute('aria-selected', 'true');
  await composer.press('ArrowDown');
  const boOption = list.getByRole('option', { name: /Bo/ });
  await expect(boOption).toHaveAttribute('aria-selected', 'true');
  await expect(composer).toHaveAttribute('aria-activedescendant', (await boOption.getAttribute('id')) ?? 'missing');
  await composer.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(composer).toHaveValue('Hi @Bo ');

  // A name nobody in the workspace has is neither offered nor highlighted, and Enter still sends.
  await composer.pressSequentially('please review, cc @nobody');
  await expect(list).toHaveCount(0);
  await composer.press('Enter');
  const sent = ana.page.getByTestId('messages').getByTestId('message').filter({ hasText: 'please review' });
  await expect(sent.locator('mark.mention')).toHaveText(['@Bo']);

  const bo = await signIn('Bo');
  const inbox = bo.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Inbox/ });
  await expect(inbox.getByLabel('1 unread')).toBeVisible();
  await openSidebarLink(bo, /Inbox/);
  await expect(bo.page.getByTestId('inbox')).toContainText('Ana mentioned you in #general: Hi @Bo please review, cc @nobody');
  await capture(ana, 'mention-picker-ana');
});

test('Ana edits a message to mention Bo, who finds it in his inbox once, however often she saves it', async ({ signIn }) => {
  const ana = await signIn('Ana');
  for (const name of ['Bo', 'Cy']) await (await signIn(name)).context.close();

  const composer = ana.page.getByRole('combobox', { name: 'Message #general' });
  await composer.fill('Can someone review this?');
  await composer.press('Enter');
  const message = ana.page.getByTestId('messages').getByTestId('message').filter({ hasText: 'review this' });
  // The second save adds Cy: the mentions change, so the server looks at Bo's again and must not notify him twice.
  for (const text of ['Can @bo review this?', 'Can @Bo or @Cy review this, please?']) {
    await message.getByRole('button', { name: 'Edit', exact: true }).click();
    await ana.page.getByLabel('Edit message').fill(text);
    await ana.page.getByLabel('Edit message').press('Enter');
    await expect(message).toContainText(text);
  }
  await expect(message.locator('mark.mention')).toHaveText(['@Bo', '@Cy']);

  const bo = await signIn('Bo');
  await openSidebarLink(bo, /Inbox/);
  await expect(bo.page.getByTestId('inbox')).toContainText('Ana mentioned you in #general: Can @bo review this?');
  await expect(bo.page.getByTestId('inbox').getByText(/Ana mentioned you/)).toHaveCount(1);
});

test('Escape closes the list of people, a new @ opens it again, Tab and a click pick from it', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  await bo.context.close();

  const composer = ana.page.getByRole('combobox', { name: 'Message #general' });
  await composer.pressSequentially('@bo');
  const list = ana.page.getByRole('listbox', { name: 'People to mention' });
  await expect(list.getByRole('option')).toHaveText([/Bo/]);
  await composer.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(composer).toHaveValue('@bo');
  await composer.pressSequentially(' ');
  await expect(list).toHaveCount(0);

  // Typed again from scratch in the same place, the @ offers people again.
  for (let i = 0; i < 4; i++) await composer.press('Backspace');
  await expect(composer).toHaveValue('');
  await composer.pressSequentially('@b');
  await expect(list.getByRole('option')).toHaveText([/Bo/]);
  await composer.press('Tab');
  await expect(composer).toHaveValue('@Bo ');
  await expect(composer).toBeFocused();

  await composer.pressSequentially('ping @B');
  await list.getByRole('option', { name: /Bo/ }).click();
  await expect(composer).toHaveValue('@Bo ping @Bo ');
  await expect(composer).toBeFocused();
});

test('an admin adds Bo to a private channel and removes him with the picker; Bo is invited to a meeting the same way', async ({ signIn, capture }) => {
  const ana = await signIn('Ana', { role: 'admin' });
  const bo = await signIn('Bo');
  const boChannels = bo.page.getByRole('navigation', { name: 'Workspace' });

  await ana.page.getByRole('button', { name: 'New channel' }).click();
  await ana.page.getByRole('dialog').getByLabel('Name').fill('deals');
  await ana.page.getByRole('dialog').getByLabel('Visibility').selectOption('private');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Create channel' }).click();
  await expect(ana.page.getByRole('heading', { name: '# deals' })).toBeVisible();
  await expect(boChannels.getByRole('link', { name: '# deals' })).toHaveCount(0);

  await ana.page.getByText('Members (1)').click();
  const picker = ana.page.getByRole('combobox', { name: 'Add a member' });
  await picker.pressSequentially('b');
  await expect(ana.page.getByRole('listbox', { name: 'Add a member' }).getByRole('option')).toHaveText([/Bo/]);
  await picker.press('Enter');
  const members = ana.page.getByTestId('channel-members');
  await expect(members.getByRole('listitem')).toHaveText([/Ana \(you\)/, /Bo/]);
  await expect(picker).toHaveValue('');
  await expect(boChannels.getByRole('link', { name: '# deals' })).toBeVisible();

  // Bo is a member now: the picker no longer offers him, and he can be mentioned here.
  await picker.pressSequentially('bo');
  await expect(ana.page.getByText('Nobody in the workspace matches “bo”.')).toBeVisible();
  await picker.fill('');
  const composer = ana.page.getByRole('combobox', { name: 'Message #deals' });
  const mentionList = ana.page.getByRole('listbox', { name: 'People to mention' });
  await composer.pressSequentially('@b');
  await expect(mentionList.getByRole('option')).toHaveText([/Bo/]);
  await composer.fill('');

  await members.getByRole('button', { name: 'Remove Bo' }).click();
  await expect(members.getByRole('listitem')).toHaveText([/Ana \(you\)/]);
  await expect(boChannels.getByRole('link', { name: '# deals' })).toHaveCount(0);
  // Nobody outside a private channel is offered for a mention there: the server would not deliver it.
  await composer.pressSequentially('@b');
  await expect(composer).toHaveValue('@b');
  await expect(mentionList).toHaveCount(0);
  await composer.fill('');

  await ana.page.getByRole('button', { name: 'Schedule meeting' }).click();
  await ana.page.getByRole('dialog').getByLabel('Title').fill('Pipeline review');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Schedule' }).click();
  const invite = ana.page.getByRole('combobox', { name: 'Invite someone' });
  await invite.pressSequentially('B');
  await invite.press('Enter');
  await expect(ana.page.getByTestId('participants').locator('li[data-state="invited"]').filter({ hasText: 'Bo' })).toContainText('invited by you');
  await expect(ana.page.getByRole('status').filter({ hasText: 'Invited Bo.' })).toBeVisible();
  await expect(boChannels.getByRole('link', { name: /Inbox/ }).getByLabel('1 unread')).toBeVisible();
  await capture(ana, 'invite-picker-ana');
});

test('an editor sees who is in a private channel but cannot change it', async ({ signIn }) => {
  const ana = await signIn('Ana');
  await ana.page.getByRole('button', { name: 'New channel' }).click();
  await ana.page.getByRole('dialog').getByLabel('Name').fill('secret');
  await ana.page.getByRole('dialog').getByLabel('Visibility').selectOption('private');
  await ana.page.getByRole('dialog').getByRole('button', { name: 'Create channel' }).click();
  await ana.page.getByText('Members (1)').click();
  await expect(ana.page.getByTestId('channel-members').getByRole('listitem')).toHaveText([/Ana \(you\)/]);
  await expect(ana.page.getByRole('combobox', { name: 'Add a member' })).toHaveCount(0);
});
