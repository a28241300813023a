import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnTracked } from '../../server/test/helpers/processes.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'concord-bench-test-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    // Tracked: a CLI left running by a timed-out test is stopped with the suite (it stops its own servers on SIGTERM).
    const child = spawnTracked(process.execPath, ['--import', 'tsx', 'bench/src/cli.ts', ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

interface Output {
  samples: { scenario: string; target: string; metrics: Record<string, number>; notes: string[] }[];
}

describe('the benchmark CLI', () => {
  it('explains its flags with --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run bench');
    expect(stdout).toContain('--quick');
  });

  it('refuses an unknown scenario', async () => {
    const { code, stderr } = await runCli(['--scenarios', 'nonsense']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown scenario');
  });

  it('says where to get the editing trace when replay is asked for and the trace is missing', async () => {
    const empty = join(scratch, 'no-traces');
    const { code, stderr } = await runCli(['--scenarios', 'replay', '--traces', empty]);
    expect(code).toBe(2);
    expect(stderr).toContain(join(empty, 'automerge-paper.json.gz'));
    expect(stderr).toContain('https://github.com/josephg/editing-traces');
    expect(stderr).toContain('CONCORD_TRACES');
  });

  it('measures a quick fan-out on bare Hocuspocus where every peer receives every edit', async () => {
    const out = join(scratch, 'quick.json');
    const { code, stdout, stderr } = await runCli(['--quick', '--scenarios', 'fanout', '--servers', 'bare', '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Fan-out: edit-to-every-peer latency');
    const result = JSON.parse(readFileSync(out, 'utf8')) as Output;
    const [sample] = result.samples;
    expect(result.samples).toHaveLength(1);
    expect(sample.scenario).toBe('fanout');
    expect(sample.notes).toEqual([]);
    expect(sample.metrics.deliveredPct).toBe(100);
    expect(sample.metrics.p50).toBeGreaterThan(0);
    expect(sample.metrics.p99).toBeGreaterThanOrEqual(sample.metrics.p50);
    expect(sample.metrics.serverCpuPct).toBeGreaterThan(0);
    expect(sample.metrics.serverRssMB).toBeGreaterThan(10);
  });
});
