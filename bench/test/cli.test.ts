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
  samples: { scenario: string; caseLabel: string; target: string; metrics: Record<string, number>; notes: string[] }[];
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

  it('measures a quick fan-out on bare Hocuspocus, notes and chat, where every peer receives every edit', async () => {
    const out = join(scratch, 'quick.json');
    const { code, stdout, stderr } = await runCli(['--quick', '--scenarios', 'fanout', '--servers', 'bare', '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Fan-out: edit-to-every-peer latency');
    const result = JSON.parse(readFileSync(out, 'utf8')) as Output;
    expect(result.samples.map((sample) => sample.caseLabel)).toEqual(['2×10 @ 50/s', 'chat 2×10 @ 50/s']);
    for (const sample of result.samples) {
      expect(sample.scenario).toBe('fanout');
      expect(sample.notes).toEqual([]);
      expect(sample.metrics.deliveredPct).toBe(100);
      expect(sample.metrics.p50).toBeGreaterThan(0);
      expect(sample.metrics.p99).toBeGreaterThanOrEqual(sample.metrics.p50);
      expect(sample.metrics.serverCpuPct).toBeGreaterThan(0);
      expect(sample.metrics.serverRssMB).toBeGreaterThan(10);
    }
  });

  it('measures start-up: spawn to ready and memory with no connection, for each runtime', async () => {
    for (const runtime of ['bundle', 'tsx']) {
      const out = join(scratch, `start-${runtime}.json`);
      const { code, stdout, stderr } = await runCli(['--quick', '--scenarios', 'start', '--servers', 'bare', '--runtime', runtime, '--out', out]);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('Start-up: spawn to ready');
      const [sample] = (JSON.parse(readFileSync(out, 'utf8')) as Output).samples;
      expect(sample.caseLabel).toBe(runtime);
      expect(sample.metrics.readyMs).toBeGreaterThanOrEqual(sample.metrics.listeningMs);
      expect(sample.metrics.listeningMs).toBeGreaterThan(0);
      expect(sample.metrics.readyCpuMs).toBeGreaterThan(0);
      expect(sample.metrics.rssMB).toBeGreaterThan(10);
    }
  });

  it('refuses an unknown runtime', async () => {
    const { code, stderr } = await runCli(['--runtime', 'deno']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown runtime "deno"');
  });
});
