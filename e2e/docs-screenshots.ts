/**
 * Screenshots of the main screens for the README, written to docs/screenshots/. Run from the
 * repository root:  npm run screenshots -w e2e  (it builds the app with test hooks, as the journeys do)
 * It starts a real server with an empty DATA_DIR, signs two people in and uses the app as they would.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { buildTestApp } from './support/testBuild.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function signIn(browser: Browser, server: RunningServer, name: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: '# general' }).waitFor();
  return page;
}

async function send(page: Page, text: string) {
  await page.getByLabel(/^Message #|^Reply to/).fill(text);
  await page.getByLabel(/^Message #|^Reply to/).press('Enter');
  await page.getByText(text).first().waitFor();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${OUT}${name}.png` });
  console.log(`docs/screenshots/${name}.png`);
}

buildTestApp();
const server = await startServer();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  const signInPage = await (await browser.newContext({ baseURL: server.url })).newPage();
  await signInPage.goto('/');
  await signInPage.getByLabel('Your name').fill('Ana Lima');
  await shot(signInPage, 'sign-in');

  const ana = await signIn(browser, server, 'Ana Lima');
  const bo = await signIn(browser, server, 'Bo Chen');

  await send(ana, 'Morning! The Northwind renewal call moved to 3pm.');
  await send(bo, 'Thanks — I will update the deal record.');
  const first = ana.getByTestId('message').filter({ hasText: 'Northwind renewal call' });
  await first.getByRole('button', { name: 'Reply' }).click();
  await send(ana, 'Great, I will bring the numbers.');
  await bo.getByRole('button', { name: 'Add reaction' }).first().click();
  await bo.getByRole('button', { name: 'React with 👍' }).click();
  await bo.getByLabel('Message #general').pressSequentially('Sounds good');
  await ana.getByText('Bo Chen is typing…').waitFor();
  await shot(ana, 'chat');

  await ana.getByRole('button', { name: 'Schedule meeting' }).click();
  await ana.getByRole('dialog').getByLabel('Title').fill('Northwind renewal call');
  await ana.getByRole('dialog').getByRole('button', { name: 'Schedule' }).click();
  await ana.getByRole('group', { name: 'Meeting status' }).getByRole('button', { name: 'Start' }).click();
  await ana.getByRole('button', { name: 'Join' }).click();
  for (const item of ['Pricing for year two', 'Support hours', 'Next steps']) {
    await ana.getByLabel('New agenda item').fill(item);
    await ana.getByRole('button', { name: 'Add', exact: true }).click();
  }
  await ana.getByRole('checkbox', { name: 'Pricing for year two' }).check();
  await ana.getByLabel('Meeting notes').click();
  await ana.keyboard.type('Northwind wants a two-year term with quarterly billing.');
  await shot(ana, 'meeting');

  for (const page of [ana, bo]) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Northwind renewal deal/ }).click();
    await page.getByLabel('Amount (EUR)').waitFor();
  }
  for (const page of [ana, bo]) await page.evaluate(() => window.concordTest?.cutSocket());
  await ana.getByLabel('Amount (EUR)').fill('48000');
  await ana.getByLabel('Amount (EUR)').press('Enter');
  await bo.getByLabel('Amount (EUR)').fill('52000');
  await bo.getByLabel('Amount (EUR)').press('Enter');
  for (const page of [ana, bo]) await page.evaluate(() => window.concordTest?.restoreSocket());
  await ana.getByTestId('conflict-badge').waitFor();
  await bo.getByLabel('Close date').focus();
  await ana.getByTestId('focused-by').waitFor();
  await shot(ana, 'form-conflict');
  await ana.getByTestId('conflict-badge').click();
  await ana.getByTestId('candidate').nth(1).waitFor();
  await shot(ana, 'form-review');
  await ana.keyboard.press('Escape');

  for (const page of [ana, bo]) await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Welcome to Concord' }).click();
  // Type at the end once the page's text is there; focusing by keyboard, as a click would place the
  // caret where it lands, and may do so after Control+End has moved it.
  for (const page of [ana, bo]) await page.getByLabel('Page content').getByText('when you are back online.').waitFor();
  await ana.getByLabel('Page content').press('Control+End');
  await ana.keyboard.press('Enter');
  await ana.keyboard.type('Ana: the Northwind call is on Thursday, notes in the meeting.');
  // Bo starts his line once Ana's has reached him: an Enter at the end of a line still being typed
  // splits it, and the rest of Ana's words would land in Bo's line.
  await bo.getByLabel('Page content').getByText('notes in the meeting.').waitFor();
  await bo.getByLabel('Page content').press('Control+End');
  await bo.keyboard.press('Enter');
  await bo.keyboard.type('Everything works offline too.');
  await ana.locator('.collaboration-carets__label', { hasText: 'Bo Chen' }).waitFor();
  await bo.getByText('Everything works offline too.').waitFor();
  await ana.getByText('Everything works offline too.').waitFor();
  await shot(ana, 'notes');

  await ana.evaluate(() => window.concordTest?.cutSocket());
  await ana.keyboard.type(' Written offline.');
  await ana.getByTestId('connection').getByText(/pending/).waitFor();
  await shot(ana, 'offline');
  await ana.evaluate(() => window.concordTest?.restoreSocket());
  await ana.getByTestId('connection').getByText('Connected').waitFor();

  await bo.getByRole('button', { name: 'Versions' }).click();
  await bo.getByLabel('Version name').fill('Before the call');
  await bo.getByLabel('Version name').press('Enter');
  await bo.getByTestId('versions').getByRole('button', { name: /Before the call/ }).click();
  await bo.getByRole('document', { name: /Content of version/ }).waitFor();
  await shot(bo, 'notes-versions');
  await bo.keyboard.press('Escape');

  await ana.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Activity' }).click();
  await ana.getByTestId('activity').locator('li').nth(2).waitFor();
  await shot(ana, 'activity');
  await bo.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Inbox/ }).click();
  await shot(bo, 'inbox');

  const nav = ana.getByRole('navigation', { name: 'Workspace' });
  const deals: [string, string, number, string][] = [
    ['Acme expansion', 'Acme Corp', 18000, 'lead'],
    ['Globex pilot', 'Globex', 9500, 'qualified'],
    ['Umbrella support', 'Umbrella', 12000, 'proposal'],
    ['Initech renewal', 'Initech', 30000, 'won'],
  ];
  for (const [title, company, amount, stage] of deals) {
    await nav.getByRole('link', { name: /^Deals/ }).click();
    await ana.getByRole('button', { name: 'New deal' }).click();
    await ana.getByRole('dialog').getByLabel('Title').fill(title);
    await ana.getByRole('button', { name: 'Create record' }).click();
    await ana.getByRole('heading', { name: title }).waitFor();
    await ana.getByLabel('Company').fill(company);
    await ana.getByLabel('Company').press('Enter');
    await ana.getByLabel('Amount (EUR)').fill(String(amount));
    await ana.getByLabel('Amount (EUR)').press('Enter');
    await ana.getByLabel('Stage').selectOption(stage);
    await ana.getByText(/^Set by Ana Lima/).nth(2).waitFor();
  }
  await nav.getByRole('link', { name: /^Deals/ }).click();
  await ana.getByTestId('records-count').getByText('5 of 5').waitFor();
  await ana.getByTestId('row-conflict').waitFor();
  await shot(ana, 'records');
  await ana.getByRole('link', { name: 'Pipeline' }).click();
  await ana.getByTestId('card').nth(4).waitFor();
  await shot(ana, 'pipeline');

  const phone = await signIn(browser, server, 'Cy Park', { width: 390, height: 780 });
  await phone.getByText('Thanks — I will update the deal record.').waitFor();
  await shot(phone, 'phone-chat');
  await phone.getByRole('button', { name: 'Menu' }).click();
  await shot(phone, 'phone-menu');
} finally {
  await browser.close();
  await server.stop();
}
