// Runs Concord from a committed revision instead of the working tree, which other engineers edit
// while the bench runs: `git archive REV server shared` into a temp dir whose node_modules links to
// the repository's packages, except @concord/shared, which points at the snapshot's own copy.
// The dir is removed when the CLI exits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDir } from './children.ts';
import { repoRoot } from './targets.ts';

export interface Snapshot {
  root: string;
  commit: string;
}

export function snapshotConcord(rev: string): Snapshot {
  const commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--verify', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
  const root = trackDir(mkdtempSync(join(tmpdir(), 'concord-bench-snapshot-')));
  // The archive passed execFileSync's 1 MiB default buffer once server/ and shared/ grew.
  const archive = execFileSync('git', ['-C', repoRoot, 'archive', commit, 'server', 'shared', 'package.json', 'tsconfig.base.json', 'tsconfig.json'], { maxBuffer: 1024 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@concord'), { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === '@concord') continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  symlinkSync('../../shared', join(modules, '@concord', 'shared'));
  symlinkSync('../../server', join(modules, '@concord', 'server'));
  return { root, commit };
}
