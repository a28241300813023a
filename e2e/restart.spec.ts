import { expect, test } from './support/fixtures.ts';

test.use({ authSecret: 'e2e-restart-secret-that-is-long-enough-for-hs256' });

test('nothing typed is lost when the server is killed mid-session and restarted', async ({ server, signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  const send = async (text: string) => {
    await ana.page.getByLabel('Message #general').fill(text);
    await ana.page.getByLabel('Message #general').press('Enter');
  };

  await send('Before the crash');
  await expect(ana.page.getByTestId('message').filter({ hasText: 'Before the crash' }).getByTestId('receipt')).toHaveText(/Delivered|Read by/);
  await server.kill();
  await expect(ana.page.getByTestId('connection')).toContainText('Offline');
  await send('While the server is down');
  await bo.page.getByLabel('Message #general').fill('Bo, also during the outage');
  await bo.page.getByLabel('Message #general').press('Enter');

  await server.restart();
  for (const person of [ana, bo]) {
    await expect(person.page.getByTestId('connection')).toHaveText(/^Connected/);
    for (const text of ['Before the crash', 'While the server is down', 'Bo, also during the outage']) {
      await expect(person.page.getByTestId('messages')).toContainText(text);
    }
  }

  // A newcomer has no local copy: what it sees came from the restarted server's storage.
  const cy = await signIn('Cy');
  for (const text of ['Before the crash', 'While the server is down', 'Bo, also during the outage']) {
    await expect(cy.page.getByTestId('messages')).toContainText(text);
  }
  await capture(cy, 'restart-cy');
});
