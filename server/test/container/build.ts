/**
 * Executes a parsed Dockerfile on this machine, each stage's filesystem a directory of the scratch
 * area, the build context the working tree filtered by `.dockerignore`. What cannot
 * run here is handled by three fixed rules, each reported in `notes`:
 *
 * - `apt-get …` installs system packages: this machine already has the compiler toolchain.
 * - RUN lines that only create or chown absolute paths (`/data`) set up the image's filesystem: the
 *   smoke test points DATA_DIR at a temp dir instead.
 * - `npm ci …` runs as written plus `--ignore-scripts --prefer-offline` (the npm cache is warm from
 *   the checkout's own install); the outputs of the install scripts the root package.json allows
 *   (better-sqlite3's compiled addon) are taken from the checkout, which built them from the same
 *   lockfile on the same Node. Compiling better-sqlite3 again would take one to four minutes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Stage } from './dockerfile.ts';

export interface StageState {
  /** The stage's filesystem root. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  volumes: string[];
  exposes: string[];
  healthcheck?: string[];
  stopSignal?: string;
  cmd?: string[];
}

export interface BuiltImage {
  stages: Map<string, StageState>;
  final: StageState;
  notes: string[];
}

const SYSTEM_PACKAGES = /^apt-get\b/;
const FILESYSTEM_SETUP = /^(mkdir -p (\/\S+ ?)+|chown [\w:]+ (\/\S+ ?)+)(\s*&&\s*(mkdir -p (\/\S+ ?)+|chown [\w:]+ (\/\S+ ?)+))*$/;

/** `.dockerignore` semantics: later patterns win, `!` re-includes, a matched directory covers its contents. */
function dockerignore(repoRoot: string): (path: string) => boolean {
  const file = join(repoRoot, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negate;
    return ignored;
  };
}

/**
 * The build context: like `docker build .`, the working tree minus `.dockerignore` (untracked files
 * included); files git ignores are left out too, so stray local artefacts do not leak in.
 */
export function prepareContext(repoRoot: string, dir: string): string {
  const ignored = dockerignore(repoRoot);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (ignored(file) || !existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dir, file));
  }
  return dir;
}

function inStage(state: StageState, path: string): string {
  return path.startsWith('/') ? join(state.root, path) : join(state.root, state.workdir, path);
}

function copy(source: string, dest: string, intoDirectory: boolean): void {
  if (!existsSync(source)) throw new Error(`COPY: ${source} does not exist`);
  if (statSync(source).isDirectory()) {
    cpSync(source, dest, { recursive: true, verbatimSymlinks: true });
    return;
  }
  const target = intoDirectory ? join(dest, basename(source)) : dest;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target);
}

function run(command: string, state: StageState, repoRoot: string, notes: string[], log: (line: string) => void): void {
  if (SYSTEM_PACKAGES.test(command)) {
    notes.push(`skipped (system packages, provided by this machine): RUN ${command}`);
    return;
  }
  if (FILESYSTEM_SETUP.test(command)) {
    notes.push(`skipped (image filesystem setup; DATA_DIR is a temp dir here): RUN ${command}`);
    return;
  }
  const npmCi = /^npm ci\b/.test(command);
  const actual = npmCi ? `${command} --ignore-scripts --prefer-offline` : command;
  const cwd = inStage(state, '.');
  mkdirSync(cwd, { recursive: true });
  log(`RUN ${actual}`);
  const started = Date.now();
  const result = spawnSync('/bin/sh', ['-c', actual], { cwd, env: { ...process.env, ...state.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`RUN ${actual} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (npmCi) {
    const allowed = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {});
    for (const pkg of allowed) {
      const built = join(repoRoot, 'node_modules', pkg, 'build');
      const installed = join(cwd, 'node_modules', pkg);
      if (existsSync(built) && existsSync(installed)) {
        cpSync(built, join(installed, 'build'), { recursive: true });
        notes.push(`install script output of ${pkg} taken from the checkout (npm ci ran with --ignore-scripts)`);
      }
    }
  }
}

export function buildImage(stages: Stage[], options: { repoRoot: string; scratch: string; log?: (line: string) => void }): BuiltImage {
  const log = options.log ?? (() => undefined);
  const notes: string[] = [];
  const context = prepareContext(options.repoRoot, join(options.scratch, 'context'));
  const built = new Map<string, StageState>();
  for (const stage of stages) {
    const parent = built.get(stage.base);
    const root = join(options.scratch, 'stages', stage.name);
    if (parent) cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true });
    else mkdirSync(root, { recursive: true });
    const state: StageState = parent
      ? { ...parent, root, env: { ...parent.env }, volumes: [...parent.volumes], exposes: [...parent.exposes] }
      : { root, workdir: '/', env: {}, volumes: [], exposes: [] };
    log(`FROM ${stage.base} AS ${stage.name}`);
    for (const step of stage.instructions) {
      switch (step.op) {
        case 'WORKDIR':
          state.workdir = step.path.startsWith('/') ? step.path : join(state.workdir, step.path);
          mkdirSync(inStage(state, '.'), { recursive: true });
          break;
        case 'COPY': {
          const from = step.from ? built.get(step.from) : undefined;
          if (step.from && !from) throw new Error(`COPY --from=${step.from}: no such stage`);
          const dest = inStage(state, step.dest);
          const intoDirectory = step.dest.endsWith('/') || step.dest === '.' || step.sources.length > 1;
          for (const source of step.sources) copy(from ? join(from.root, source) : join(context, source), dest, intoDirectory);
          break;
        }
        case 'RUN':
          run(step.command, state, options.repoRoot, notes, log);
          break;
        case 'ENV':
          Object.assign(state.env, step.vars);
          break;
        case 'USER':
          state.user = step.user;
          break;
        case 'VOLUME':
          state.volumes.push(...step.paths);
          break;
        case 'EXPOSE':
          state.exposes.push(...step.ports);
          break;
        case 'HEALTHCHECK':
          state.healthcheck = step.command;
          break;
        case 'STOPSIGNAL':
          state.stopSignal = step.signal;
          break;
        case 'CMD':
          state.cmd = step.command;
          break;
      }
    }
    built.set(stage.name, state);
  }
  return { stages: built, final: built.get(stages.at(-1)!.name)!, notes };
}
