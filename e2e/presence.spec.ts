import { expect, goOffline, goOnline, test } from './support/fixtures.ts';

test('people see each other arrive, change status and leave, and a closed tab stops typing', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const online = ana.page.getByRole('list', { name: 'People online' });
  await expect(online.locator('[data-user="bo"]')).toHaveCount(0);

  const bo = await signIn('Bo');
  await expect(online.locator('[data-user="bo"]')).toHaveAttribute('data-status', 'online');
  await expect(bo.page.getByRole('list', { name: 'People online' }).locator('[data-user="ana"]')).toBeVisible();

  await bo.page.getByLabel('Your status').selectOption('busy');
  await expect(online.locator('[data-user="bo"]')).toHaveAttribute('data-status', 'busy');

  await bo.page.getByLabel('Message #general').pressSequentially('I was about to say');
  await expect(ana.page.getByTestId('typing')).toHaveText('Bo is typing…');
  await bo.page.close();
  await expect(ana.page.getByTestId('typing')).toHaveText('');
  await expect(online.locator('[data-user="bo"]')).toHaveCount(0);
  await capture(ana, 'presence-ana');
});

test('the header tells the connection to the server apart from the status others see', async ({ signIn }) => {
  const ana = await signIn('Ana');
  const header = ana.page.getByRole('banner');
  const connection = header.getByRole('group', { name: 'Connection to the server' });
  const status = header.getByRole('combobox', { name: 'Your status' });
  // The round trip comes from the heartbeat's ping, sent once the socket has been quiet a moment.
  await expect(connection).toHaveText(/^Connected · \d+ ms$/);
  await expect(status.locator('option:checked')).toHaveText('Available');
  // One word for two things was the trouble: "Online" said both.
  await expect(header).not.toContainText('Online');

  // They change independently: the link goes, the status stays; the status changes, the link stays.
  await goOffline(ana);
  await expect(connection).toHaveText(/^Offline/);
  await expect(status.locator('option:checked')).toHaveText('Available');
  await status.selectOption({ label: 'Busy' });
  await goOnline(ana);
  await expect(connection).toHaveText(/^Connected/);
  await expect(status.locator('option:checked')).toHaveText('Busy');
});

test.describe('after a restart', () => {
  test.use({ authSecret: 'e2e-presence-restart-secret-long-enough-for-hs256' });

  test('presence comes back with the connection', async ({ server, signIn }) => {
    const ana = await signIn('Ana');
    const bo = await signIn('Bo');
    const anaSees = ana.page.getByRole('list', { name: 'People online' }).locator('[data-user="bo"]');
    const boSees = bo.page.getByRole('list', { name: 'People online' }).locator('[data-user="ana"]');
    await expect(anaSees).toBeVisible();
    await expect(boSees).toBeVisible();

    await server.kill();
    await expect(anaSees).toHaveCount(0);
    await server.restart();
    for (const person of [ana, bo]) await expect(person.page.getByTestId('connection')).toHaveText(/^Connected/);
    // Both re-send the state they had, with the clock they had; before, each ignored the other's
    // until its 15-second renewal.
    await expect(anaSees).toBeVisible({ timeout: 5_000 });
    await expect(boSees).toBeVisible({ timeout: 5_000 });
  });
});
