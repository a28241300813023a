import { expect, openSidebarLink, test } from './support/fixtures.ts';

test('Ana finds Bo on the People page and writes to him; Bo sees it unread and reads it; Cy cannot open it', async ({ signIn, capture }) => {
  // Bo has used the workspace once and left.
  const bo = await signIn('Bo');
  await bo.page.close();

  const ana = await signIn('Ana');
  await openSidebarLink(ana, 'People');
  const boRow = ana.page.getByTestId('people').locator('li[data-user="bo"]');
  await expect(boRow).toContainText('Bo');
  await expect(boRow.getByTestId('presence-text')).toHaveText(/last seen/);
  await expect(ana.page.getByTestId('people').locator('li[data-user="ana"]')).toContainText('(you)');

  await capture(ana, 'people-ana');
  await boRow.getByRole('button', { name: 'Message Bo' }).click();
  await expect(ana.page.getByRole('heading', { name: 'Bo', exact: true })).toBeVisible();
  expect(new URL(ana.page.url()).pathname).toBe('/channels/dm.ana.bo');
  // A conversation is named by its people, not as a channel ("Message #dm.ana.bo").
  const composer = ana.page.getByRole('combobox', { name: 'Message Bo', exact: true });
  await composer.fill('Hi Bo, have you got a minute?');
  await composer.press('Enter');
  await expect(ana.page.getByTestId('messages')).toContainText('Hi Bo, have you got a minute?');
  await expect(ana.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Bo', exact: true })).toBeVisible();

  // Bo comes back: the conversation is in his sidebar, named after Ana, with one unread message.
  bo.page = await bo.context.newPage();
  await bo.page.goto('/');
  const boSidebar = bo.page.getByRole('navigation', { name: 'Workspace' });
  await expect(boSidebar.getByTestId('unread-dm.ana.bo')).toHaveText('1');
  await openSidebarLink(bo, /^Ana/);
  await expect(bo.page.getByRole('heading', { name: 'Ana', exact: true })).toBeVisible();
  await expect(bo.page.getByTestId('messages')).toContainText('Hi Bo, have you got a minute?');
  await openSidebarLink(bo, /# general/);
  await expect(boSidebar.getByRole('link', { name: 'Ana', exact: true })).toBeVisible();
  await expect(boSidebar.getByTestId('unread-dm.ana.bo')).toHaveCount(0);
  await capture(bo, 'dm-bo');

  // Someone else cannot open it, and does not see it listed.
  const cy = await signIn('Cy');
  await expect(cy.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Ana|Bo/ })).toHaveCount(0);
  await cy.page.goto('/channels/dm.ana.bo');
  await expect(cy.page.getByRole('alert')).toContainText('forbidden: this conversation is open to its members only');
  await expect(cy.page.getByTestId('messages')).not.toContainText('Hi Bo');
});

test('a group conversation with several people picked on the People page', async ({ signIn }) => {
  const bo = await signIn('Bo');
  const cy = await signIn('Cy');
  const ana = await signIn('Ana');
  await openSidebarLink(ana, 'People');
  const people = ana.page.getByTestId('people');
  await expect(people.locator('li[data-user="bo"]')).toHaveAttribute('data-status', 'online');
  await people.getByLabel('Select Bo').check();
  await people.getByLabel('Select Cy').check();
  await ana.page.getByRole('button', { name: 'Message 2 people' }).click();
  await expect(ana.page.getByRole('heading', { name: 'Bo, Cy', exact: true })).toBeVisible();
  expect(new URL(ana.page.url()).pathname).toBe('/channels/dm.ana.bo.cy');
  const composer = ana.page.getByRole('combobox', { name: 'Message Bo, Cy', exact: true });
  await composer.fill('Lunch at one?');
  await composer.press('Enter');
  for (const [person, title] of [[bo, 'Ana, Cy'], [cy, 'Ana, Bo']] as const) {
    await expect(person.page.getByRole('navigation', { name: 'Workspace' }).getByTestId('unread-dm.ana.bo.cy')).toHaveText('1');
    await openSidebarLink(person, title);
    await expect(person.page.getByTestId('messages')).toContainText('Lunch at one?');
  }

  // A click on someone's avatar among the people online opens the conversation with them.
  await bo.page.getByRole('list', { name: 'People online' }).locator('[data-user="ana"]').getByRole('button').click();
  await expect(bo.page.getByRole('heading', { name: 'Ana', exact: true })).toBeVisible();
  expect(new URL(bo.page.url()).pathname).toBe('/channels/dm.ana.bo');
});
