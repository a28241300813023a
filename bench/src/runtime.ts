// How the compared servers' code runs. `bundle` (the default) is what ships: Concord as the image
// runs it (`node server/dist/main.mjs`, built by server/build.ts from the Concord being measured),
// and the baselines compiled to plain JavaScript the same way, since Hocuspocus itself is
// JavaScript. `tsx` runs every server's TypeScript through tsx, as `npm start` and the runs before
// issue 12 did: tsx adds a loader thread (about 30 MB) and start-up time to every server alike.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot, type Target } from './targets.ts';

export const runtimes = ['bundle', 'tsx'] as const;
export type Runtime = (typeof runtimes)[number];

// Inside the repository (gitignored), so that the baselines' packages resolve from node_modules.
// A function: targets.ts imports this module before its own repoRoot exists.
const baselineDir = () => join(repoRoot, 'bench/.tmp/servers');

/** Builds what `runtime` runs: Concord's bundle in `concordRoot`, the baselines as JavaScript. */
export async function prepareRuntime(runtime: Runtime, concordRoot: string, targets: Target[]): Promise<void> {
  if (runtime === 'tsx') return;
  if (targets.some((target) => target.concord)) {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: concordRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const baselines = targets.filter((target) => !target.concord);
  if (baselines.length === 0) return;
  await build({
    entryPoints: Object.fromEntries(baselines.map((target) => [target.id, join(repoRoot, target.entry)])),
    outdir: baselineDir(),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** The node arguments that start `target` under `runtime` (its working directory is its root). */
export function entryArgs(target: Target, runtime: Runtime): string[] {
  if (runtime === 'tsx') return ['--import', 'tsx', target.entry];
  return [target.concord ? 'server/dist/main.mjs' : join(baselineDir(), `${target.id}.mjs`)];
}
