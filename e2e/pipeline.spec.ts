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

const column = (person: Person, key: string) => person.page.getByTestId(`column-${key}`);
const card = (person: Person, key: string) => column(person, key).getByTestId('card').filter({ hasText: 'Northwind renewal' });
