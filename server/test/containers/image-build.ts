/**
 * Builds the project's image the way CI sees the repository: the build context is a fresh folder
 * holding only the files a clean checkout has (tracked and not-yet-added files, nothing git
 * ignores), so nothing local (node_modules, web/dist, data, a stray .env) can make it pass here and
 * fail there. The tag is the hash of that context: an image already built from the same files is
 * reused, and two checkouts sharing one Docker engine never run each other's image.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const IMAGE_REPOSITORY = 'concord-test';

function gitFiles(repoRoot: string, ...args: string[]): string[] {
  return execFileSync('git', ['ls-files', '-z', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
}

/** Files of a clean checkout, as the working tree has them now. */
export function checkoutFiles(repoRoot: string): string[] {
  const deleted = new Set(gitFiles(repoRoot, '--deleted'));
  return gitFiles(repoRoot, '--cached', '--others', '--exclude-standard')
    .filter((file) => !deleted.has(file))
    .sort();
}

export function contextTag(repoRoot: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(repoRoot, file);
    hash.update(`${file}\0${statSync(path).mode & 0o111 ? 'x' : '-'}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return `${IMAGE_REPOSITORY}:${hash.digest('hex').slice(0, 16)}`;
}

function imageExists(tag: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs a command, streaming nothing; resolves with its output, rejects with its tail. */
function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-6000)}`))));
  });
}

export interface BuiltImage {
  tag: string;
  /** False when an image of the same context existed already. */
  built: boolean;
  seconds: number;
}

export async function buildImage(repoRoot: string): Promise<BuiltImage> {
  const started = performance.now();
  const files = checkoutFiles(repoRoot);
  const tag = contextTag(repoRoot, files);
  if (imageExists(tag)) return { tag, built: false, seconds: 0 };
  const context = mkdtempSync(join(tmpdir(), 'concord-image-context-'));
  try {
    execFileSync('sh', ['-c', 'tar -c --null -T - | tar -x -C "$1"', 'sh', context], { cwd: repoRoot, input: files.join('\0') });
    await run('docker', ['build', '--network', 'host', '--tag', tag, context]);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return { tag, built: true, seconds: (performance.now() - started) / 1000 };
}
