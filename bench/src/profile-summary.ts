// Summarizes a V8 .cpuprofile (from `--server-node-options "--cpu-prof --cpu-prof-dir=DIR"`):
// self time per function, file and category, as shares of all samples; or, with --diff, where a
// second profile of the same load (Concord against bare Hocuspocus, from --baseline-node-options)
// spends more than the first.
// Usage: node --import tsx bench/src/profile-summary.ts FILE.cpuprofile[@FROM-TO] [top=25]
//        node --import tsx bench/src/profile-summary.ts --diff BASE.cpuprofile[@FROM-TO] OTHER.cpuprofile[@FROM-TO] [top] [--edits N]
// FROM-TO cuts the samples to a window in µs on the monotonic clock (the fan-out scenario logs its
// measured window so); --edits N adds µs per edit (edits in the window).
// A sample counts for the time since the one before, but at most twice the usual interval: on a
// busy machine the process waits for a core, and the first sample after the wait would otherwise
// take the whole wait (one took 120 ms in a fan-out window), which is not CPU spent there.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Time in µs per function, file and category; `inclusive` counts a function once per sample it is on the stack of. */
interface Tally {
  total: number;
  selfByFunction: Map<string, number>;
  selfByFile: Map<string, number>;
  selfByCategory: Map<string, number>;
  inclusive: Map<string, number>;
  /** The same as `inclusive`, for Concord's functions (server/ and shared/) only. */
  inclusiveConcord: Map<string, number>;
}

function shortUrl(url: string): string {
  const at = url.indexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*?\/((server|shared|bench)\/src\/)/, '$1') || '(native)';
}

const isConcord = (file: string): boolean => /^(server|shared)\/src\//.test(file);

/** Where a sample's own time went, in the coarse terms a differential profile is read in. */
function category(file: string, functionName: string): string {
  if (file === '(native)') return functionName.startsWith('(') ? functionName : `native ${functionName || '(anonymous)'}`;
  if (isConcord(file)) return file.slice(0, file.indexOf('/src/') + 4);
  if (file.startsWith('node:')) return file.replace(/^node:internal\/(.*?)(\/.*)?$/, 'node:$1');
  if (file.startsWith('@')) return file.split('/').slice(0, 2).join('/');
  return file.split('/')[0];
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

export function tallyProfile(profile: CpuProfile, window?: [number, number]): Tally {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (file: string, functionName: string) => `${file} ${functionName || '(anonymous)'}`;
  const tally: Tally = {
    total: 0,
    selfByFunction: new Map(),
    selfByFile: new Map(),
    selfByCategory: new Map(),
    inclusive: new Map(),
    inclusiveConcord: new Map(),
  };
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const capUs = 2 * (deltas[deltas.length >> 1] ?? 0);
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const us = Math.min(delta, capUs);
    if (window && (at < window[0] || at > window[1])) return;
    tally.total += us;
    const frame = byId.get(id)!.callFrame;
    const file = shortUrl(frame.url);
    add(tally.selfByFunction, label(file, frame.functionName), us);
    add(tally.selfByFile, file, us);
    add(tally.selfByCategory, category(file, frame.functionName), us);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const { url, functionName } = byId.get(node)!.callFrame;
      if (functionName === '(root)') continue;
      seen.add(label(shortUrl(url), functionName));
    }
    for (const key of seen) {
      add(tally.inclusive, key, us);
      if (isConcord(key)) add(tally.inclusiveConcord, key, us);
    }
  });
  return tally;
}

export function summarizeProfile(profile: CpuProfile, top: number, window?: [number, number]): string {
  const tally = tallyProfile(profile, window);
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `${((us / tally.total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `total ${(tally.total / 1000).toFixed(0)} ms of samples`,
    '',
    'self time by category:',
    ...rows(tally.selfByCategory),
    '',
    'self time by function:',
    ...rows(tally.selfByFunction),
    '',
    'self time by file:',
    ...rows(tally.selfByFile),
    '',
    'inclusive time of server/ and shared/ functions:',
    ...rows(tally.inclusiveConcord),
  ].join('\n');
}

/** What OTHER spends more (or less) than BASE, by the largest differences first. */
export function diffProfiles(base: Tally, other: Tally, top: number, edits?: number): string {
  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  const perEdit = (us: number) => (edits ? `${(us / edits).toFixed(1).padStart(7)} µs/edit` : '');
  const busy = (tally: Tally) => tally.total - (tally.selfByCategory.get('(idle)') ?? 0);
  const rows = (pick: (tally: Tally) => Map<string, number>) => {
    const keys = new Set([...pick(base).keys(), ...pick(other).keys()]);
    return [...keys]
      .map((key) => [key, pick(base).get(key) ?? 0, pick(other).get(key) ?? 0] as const)
      .sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]))
      .slice(0, top)
      .map(([key, was, is]) => `${ms(was)} ${ms(is)} ${ms(is - was)} ms ${perEdit(is - was)}  ${key}`);
  };
  const header = `   base   other    diff`;
  return [
    `busy (not idle): base ${ms(busy(base))} ms, other ${ms(busy(other))} ms, diff ${ms(busy(other) - busy(base))} ms ${perEdit(busy(other) - busy(base))}`,
    '',
    'self time by category:',
    header,
    ...rows((tally) => tally.selfByCategory),
    '',
    'self time by function:',
    header,
    ...rows((tally) => tally.selfByFunction),
    '',
    'inclusive time by function:',
    header,
    ...rows((tally) => tally.inclusive),
  ].join('\n');
}

/** "FILE.cpuprofile@FROM-TO" → the profile and its window. */
function readProfile(argument: string): { profile: CpuProfile; window?: [number, number] } {
  const match = /^(.*)@(\d+)[-–](\d+)$/.exec(argument);
  const file = match ? match[1] : argument;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return { profile, window: match ? [Number(match[2]), Number(match[3])] : undefined };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const args = process.argv.slice(2);
  const editsAt = args.indexOf('--edits');
  const edits = editsAt >= 0 ? Number(args.splice(editsAt, 2)[1]) : undefined;
  if (args[0] === '--diff' && args.length >= 3) {
    const [base, other] = [readProfile(args[1]), readProfile(args[2])];
    console.log(diffProfiles(tallyProfile(base.profile, base.window), tallyProfile(other.profile, other.window), Number(args[3] ?? 25), edits));
  } else if (args[0] && args[0] !== '--diff') {
    const { profile, window } = readProfile(args[0]);
    console.log(summarizeProfile(profile, Number(args[1] ?? 25), window));
  } else {
    console.error(
      'usage: node --import tsx bench/src/profile-summary.ts FILE.cpuprofile[@FROM-TO] [top]\n' +
        '       node --import tsx bench/src/profile-summary.ts --diff BASE.cpuprofile[@FROM-TO] OTHER.cpuprofile[@FROM-TO] [top] [--edits N]',
    );
    process.exit(2);
  }
}
