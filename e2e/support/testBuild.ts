/**
 * The journeys run the web app as built for them: `npm run build:test` (Vite mode "test") is the
 * production build plus the `window.concordTest` hooks, into web/dist-test, which their servers
 * serve (WEB_ROOT). Built afresh on every run, so a journey never meets a stale bundle.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_WEB_ROOT = fileURLToPath(new URL('../../web/dist-test', import.meta.url));

export function buildTestApp(): void {
  try {
    execFileSync('npm', ['run', 'build:test', '-w', 'web'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building the web app for the journeys failed:\n${stdout}${stderr}`);
  }
}
