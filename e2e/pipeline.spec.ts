import { expect, goOffline, goOnline, openSidebarLink, test, type Person } from './support/fixtures.ts';

test('two people move the same card offline to different columns; both see one conflict, one resolves it, and the card lands there for both', async ({ signIn, capture }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  for (const person of [ana, bo]) {
    // The deal is opened once while online, so that each has a local copy to move offline.
    await openSidebarLink(person, /Northwind renewal/);
    await expect(person.page.getByLabel('Stage')).toHaveValue('proposal');
    await openSidebarLink(person, /^Deals/);
    await person.page.getByRole('link', { name: 'Pipeline' }).click();
    await expect(card(person, 'proposal')).toHaveCount(1);
    await expect(column(person, 'proposal').getByTestId('column-total')).toHaveText((42000).toLocaleString('en-US'));
  }

  await goOffline(ana);
  await goOffline(bo);
  // Ana drags the card; Bo uses the keyboard's way, the card's "Move to" menu.
  await card(ana, 'proposal').dragTo(column(ana, 'won'));
  await expect(card(ana, 'won')).toHaveCount(1);
  await bo.page.getByLabel('Move Northwind renewal to').selectOption('lost');
  await expect(card(bo, 'lost')).toHaveCount(1);
  await expect(column(bo, 'lost').getByTestId('column-total')).toHaveText((42000).toLocaleString('en-US'));
  await expect(column(bo, 'proposal').getByTestId('column-total')).toHaveText('0');
  await goOnline(ana);
  await goOnline(bo);

  for (const person of [ana, bo]) {
    await expect(person.page.getByTestId('card-conflict')).toHaveCount(1);
    await expect(person.page.getByTestId('card')).toHaveCount(1);
  }
  await capture(bo, 'pipeline-conflict-bo');

  await ana.page.getByTestId('card-conflict').click();
  const dialog = ana.page.getByRole('dialog', { name: 'Review “Stage”' });
  await expect(dialog.getByTestId('candidate')).toHaveCount(2);
  await expect(dialog.getByTestId('candidate').filter({ hasText: 'Bo' })).toContainText('lost');
  await dialog.getByRole('button', { name: 'Keep Bo’s' }).click();

  for (const person of [ana, bo]) {
    await expect(card(person, 'lost')).toHaveCount(1);
    await expect(person.page.getByTestId('card-conflict')).toHaveCount(0);
    await expect(card(person, 'won')).toHaveCount(0);
  }
  await openSidebarLink(bo, /Northwind renewal/);
  await expect(bo.page.getByLabel('Stage')).toHaveValue('lost');
  await capture(ana, 'pipeline-ana');
});

test('two people who never opened the deal move its card offline to different columns; back online, both see one conflict, not a silent winner', async ({ signIn, server }) => {
  const ana = await signIn('Ana');
  const bo = await signIn('Bo');
  for (const person of [ana, bo]) {
    // Only the pipeline, from the server's list: neither browser holds the deal's document.
    await openSidebarLink(person, /^Deals/);
    await person.page.getByRole('link', { name: 'Pipeline' }).click();
    await expect(card(person, 'proposal')).toHaveCount(1);
  }

  await goOffline(ana);
  await goOffline(bo);
  await card(ana, 'proposal').dragTo(column(ana, 'won'));
  // Bo changes his mind before the deal's document arrives: his second move supersedes his first.
  await bo.page.getByLabel('Move Northwind renewal to').selectOption('qualified');
  await bo.page.getByLabel('Move Northwind renewal to').selectOption('lost');
  await goOnline(ana);
  // Ana's move is stored before Bo is back, so Bo's arrives in a document that already holds it.
  await expect.poll(() => stageOnServer(ana, server.url), { timeout: 15_000 }).toBe('won');
  await goOnline(bo);

  for (const person of [ana, bo]) {
    await expect(person.page.getByTestId('card-conflict')).toHaveCount(1);
    await expect(person.page.getByTestId('card')).toHaveCount(1);
  }
  await bo.page.getByTestId('card-conflict').click();
  const dialog = bo.page.getByRole('dialog', { name: 'Review “Stage”' });
  await expect(dialog.getByTestId('candidate')).toHaveCount(2);
  await expect(dialog.getByTestId('candidate').filter({ hasText: 'Ana' })).toContainText('won');
  await expect(dialog.getByTestId('candidate').filter({ hasText: 'Bo' })).toContainText('lost');
});

/** The deal's stage in the server's records list (what is stored, not what the page shows). */
async function stageOnServer(person: Person, url: string): Promise<unknown> {
  const token = await person.page.evaluate(() => localStorage.getItem('concord.token'));
  const response = await person.page.request.get(`${url}/api/records?type=deal`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { rows: { title: string; fields: Record<string, unknown> }[] };
  return body.rows.find((row) => row.title === 'Northwind renewal')?.fields.stage;
}

const column = (person: Person, key: string) => person.page.getByTestId(`column-${key}`);
const card = (person: Person, key: string) => column(person, key).getByTestId('card').filter({ hasText: 'Northwind renewal' });
