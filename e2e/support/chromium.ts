/**
 * The Chromium the journeys run in: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own
 * download. With none of them the run fails, saying how to get one: it never skips.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', playwrightChromium()];
  const found = candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests (looked at $CHROMIUM_PATH, /usr/bin/chromium and Playwright\'s own).\n' +
      'Install one with `apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu) or `npx playwright install chromium`,\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
