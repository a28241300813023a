/**
 * The records view at size (issue 14): 2,000 deals written to storage as form documents, projected
 * by a real server in this process (the catch-up at start, as after an upgrade or a lost table), then
 * `GET /api/records?type=deal` cold and warm, and — with a built web app (`npm run build`) — the
 * records view's open time in Chromium: first visit (empty IndexedDB) and a later one.
 *
 *   npm run records -w bench                          # SQLite
 *   npm run records -w bench -- postgres://…/db       # PostgreSQL (an empty database)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { defineForm, upsertFormEntry, writeField } from '@concord/shared';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { createServer } from '../../server/src/server.ts';
import { createStorage } from '../../server/src/storage/create.ts';
import { percentile } from './stats.ts';
import { repoRoot } from './targets.ts';

const DEALS = Number(process.env.DEALS ?? 2_000);
const WARM_REQUESTS = 30;
const VIEW_VISITS = 5;
const SECRET = 'bench-records-secret-0123456789abcdef';
const STAGES = ['lead', 'qualified', 'proposal', 'won', 'lost'];
const SCHEMA = [
  { name: 'company', label: 'Company', type: 'string' as const, required: true },
  { name: 'amount', label: 'Amount (EUR)', type: 'number' as const },
  { name: 'stage', label: 'Stage', type: 'enum' as const, options: STAGES },
  { name: 'closeDate', label: 'Close date', type: 'date' as const },
  { name: 'priority', label: 'High priority', type: 'boolean' as const },
  { name: 'nextStep', label: 'Next step', type: 'string' as const },
];

async function main(): Promise<void> {
  const databaseUrl = process.argv[2];
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-records-'));
  const webRoot = join(repoRoot, 'web/dist');
  const env = { PORT: '0', DATA_DIR: dataDir, AUTH_SECRET: SECRET, LOG_LEVEL: 'silent', WEB_ROOT: webRoot, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const config = loadConfig(env);

  let started = performance.now();
  const storage = await createStorage(config);
  const workspace = new Y.Doc();
  const author = { id: 'ana', name: 'Ana' };
  for (let n = 1; n <= DEALS; n += 1) {
    const doc = new Y.Doc();
    const title = `Deal ${n} with Company ${n % 397}`;
    defineForm(doc, { title, entityType: 'deal', entityId: String(n), schema: SCHEMA });
    writeField(doc, 'company', `Company ${n % 397}`, author);
    writeField(doc, 'amount', 1_000 + ((n * 7_919) % 90_000), author);
    writeField(doc, 'stage', STAGES[n % STAGES.length]!, author);
    writeField(doc, 'closeDate', `2027-0${1 + (n % 9)}-1${n % 10}`, author);
    writeField(doc, 'nextStep', `Call back about item ${n}`, author);
    await storage.append(`bench:form:deal.${n}`, Y.encodeStateAsUpdate(doc));
    upsertFormEntry(workspace, { id: `deal.${n}`, title, entityType: 'deal', entityId: String(n) });
  }
  await storage.append('bench:workspace:main', Y.encodeStateAsUpdate(workspace));
  await storage.close();
  console.log(`backend ${databaseUrl ? 'PostgreSQL' : 'SQLite'}; ${DEALS} deals written to storage in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const server = await createServer(config, { logger: createLogger('silent') });
  started = performance.now();
  const { url } = await server.listen();
  const token = await new SignJWT({ sub: 'ana', name: 'Ana', org: 'bench', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
  const list = async (since?: number) => {
    const response = await fetch(`${url}/api/records?type=deal&limit=2000${since === undefined ? '' : `&since=${since}`}`, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`records: ${response.status} ${await response.text()}`);
    const body = await response.text();
    const parsed = JSON.parse(body) as { rows: unknown[]; asOf: number };
    return { rows: parsed.rows.length, bytes: body.length, asOf: parsed.asOf };
  };
  await server.searchIdle();
  console.log(`projection rebuilt from storage at start (catch-up): ${((performance.now() - started) / 1000).toFixed(1)} s for ${DEALS} records`);

  started = performance.now();
  const first = await list();
  const coldMs = performance.now() - started;
  if (first.rows !== Math.min(DEALS, 2000)) throw new Error(`expected ${DEALS} rows, got ${first.rows}`);
  const warm: number[] = [];
  for (let i = 0; i < WARM_REQUESTS; i += 1) {
    started = performance.now();
    await list();
    warm.push(performance.now() - started);
  }
  warm.sort((a, b) => a - b);
  // A poll: what changed since an answer, once the projection's overlap has passed (nothing here).
  await new Promise((resolve) => setTimeout(resolve, 10_500));
  const since = (await list()).asOf;
  const polls: number[] = [];
  let pollRows = 0;
  for (let i = 0; i < WARM_REQUESTS; i += 1) {
    started = performance.now();
    pollRows += (await list(since)).rows;
    polls.push(performance.now() - started);
  }
  polls.sort((a, b) => a - b);
  console.log('| GET /api/records?type=deal&limit=2000 | rows | bytes | first request ms | warm p50 ms | warm p95 ms | poll (since) p50 ms | rows per poll |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(`| ${databaseUrl ? 'PostgreSQL' : 'SQLite'} | ${first.rows} | ${first.bytes} | ${coldMs.toFixed(1)} | ${percentile(warm, 50).toFixed(1)} | ${percentile(warm, 95).toFixed(1)} | ${percentile(polls, 50).toFixed(1)} | ${pollRows / WARM_REQUESTS} |`);

  if (existsSync(join(webRoot, 'index.html'))) await measureView(url, token);
  else console.log('\n(no web/dist: run `npm run build` first to measure the view)');

  await server.close();
  if (!process.env.KEEP) rmSync(dataDir, { recursive: true, force: true });
}

/**
 * From a click on "Deals" in the sidebar to the table showing every row ("2000 of 2000"): the first
 * visit loads from the server (IndexedDB empty), later ones show IndexedDB's copy first.
 */
async function measureView(url: string, token: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`/#token=${token}`);
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await page.getByRole('heading', { name: '# general' }).waitFor({ timeout: 60_000 });
    /**
     * Clicks `link` and returns the time in the page from the click to the first moment `done` is
     * true, seen by a MutationObserver: Playwright's own waiting polls ever less often, which would
     * add up to half a second to what is measured.
     */
    const timeClick = async (link: ReturnType<typeof nav.getByRole>, done: string) => {
      await page.evaluate((check) => {
        const w = window as unknown as { benchStart?: number; benchEnd?: number };
        w.benchStart = undefined;
        w.benchEnd = undefined;
        document.addEventListener('click', () => (w.benchStart = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (w.benchStart !== undefined && new Function(`return ${check}`)()) {
            w.benchEnd = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }, done);
      await link.click();
      await page.waitForFunction(() => (window as unknown as { benchEnd?: number }).benchEnd !== undefined, undefined, { timeout: 30_000 });
      return page.evaluate(() => {
        const w = window as unknown as { benchStart: number; benchEnd: number };
        return Math.round(w.benchEnd - w.benchStart);
      });
    };
    const listed = `document.querySelector('[data-testid="records-count"]')?.textContent?.startsWith('${DEALS} of ${DEALS}') && document.querySelector('[data-testid="record-row"]') !== null`;
    const open = () => timeClick(nav.getByRole('link', { name: /^Deals/ }), listed);
    const leave = async () => {
      await nav.getByRole('link', { name: /^Inbox/ }).click();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    };
    const cold = await open();
    const later: number[] = [];
    for (let i = 0; i < VIEW_VISITS; i += 1) {
      await leave();
      later.push(await open());
    }
    // A new page load: the app starts again, the list comes from IndexedDB.
    await page.reload();
    await page.getByTestId('records-count').filter({ hasText: `${DEALS} of ${DEALS}` }).waitFor({ timeout: 30_000 });
    await leave();
    const afterReload = await open();
    later.sort((a, b) => a - b);
    // The same kind of click to a screen without records: what any navigation costs in this workspace.
    const baseline: number[] = [];
    for (let i = 0; i < VIEW_VISITS; i += 1) {
      await leave();
      baseline.push(await timeClick(nav.getByRole('link', { name: /^Activity/ }), `document.querySelector('h1')?.textContent === 'Activity'`));
    }
    baseline.sort((a, b) => a - b);
    console.log('\n| records view (Chromium, click → every row listed, timed in the page) | ms |');
    console.log('|---|---|');
    console.log(`| first visit, IndexedDB empty (cold) | ${cold} |`);
    console.log(`| later visits, p50 of ${VIEW_VISITS} (warm) | ${percentile(later, 50)} |`);
    console.log(`| later visits, max (warm) | ${later.at(-1)} |`);
    console.log(`| first visit after a page reload (IndexedDB copy) | ${afterReload} |`);
    console.log(`| baseline: the same click to Activity, p50 of ${VIEW_VISITS} | ${percentile(baseline, 50)} |`);
  } finally {
    await browser.close();
  }
}

await main();
