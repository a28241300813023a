import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.ts';

// What `npm run build` makes and `npm start` serves; `npm test` builds it before the journeys.
const PRODUCTION_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

test.use({ webRoot: PRODUCTION_WEB_ROOT });

test('the production build works without the test hooks the journeys use', async ({ signIn }) => {
  expect(existsSync(`${PRODUCTION_WEB_ROOT}/index.html`), 'web/dist is missing: run `npm run build` first').toBe(true);
  const ana = await signIn('Ana');
  await ana.page.getByLabel('Message #general').fill('hello from the production build');
  await ana.page.getByLabel('Message #general').press('Enter');
  await expect(ana.page.getByTestId('messages')).toContainText('hello from the production build');
  await expect(ana.page.getByTestId('connection')).toHaveText(/^Connected/);
  expect(await ana.page.evaluate(() => 'concordTest' in window)).toBe(false);
});
