/**
 * Reads a Dockerfile into stages of instructions, so the container smoke test can execute what the
 * image build would, without a Docker engine. Only the instructions Concord's Dockerfile uses are
 * understood; anything else is an error, so the test cannot silently drift from the file.
 */

export type Instruction =
  | { op: 'WORKDIR'; path: string }
  | { op: 'COPY'; from?: string; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'ENV'; vars: Record<string, string> }
  | { op: 'USER'; user: string }
  | { op: 'VOLUME'; paths: string[] }
  | { op: 'EXPOSE'; ports: string[] }
  | { op: 'HEALTHCHECK'; command: string[] }
  | { op: 'STOPSIGNAL'; signal: string }
  | { op: 'CMD'; command: string[] };

export interface Stage {
  name: string;
  /** An image reference, or the name of an earlier stage. */
  base: string;
  instructions: Instruction[];
}

/** Joins `\` continuations and drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending.trim());
  return lines;
}

/** Splits on whitespace, keeping double-quoted parts together (quotes removed). */
function words(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
}

function execForm(text: string, what: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${what} must be in exec form (a JSON array)`);
  return parsed;
}

function substitute(text: string, args: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => args[(braced ?? bare)!] ?? '');
}

export function parseDockerfile(text: string): Stage[] {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logicalLines(text)) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const op = keyword.toUpperCase();
    const stage = stages.at(-1);
    if (op === 'ARG' && !stage) {
      const at = rest.indexOf('=');
      if (at < 0) globalArgs[rest.trim()] = '';
      else globalArgs[rest.slice(0, at).trim()] = rest.slice(at + 1).trim();
      continue;
    }
    if (op === 'FROM') {
      const [base = '', as, name] = words(substitute(rest, globalArgs));
      if (as && as.toUpperCase() !== 'AS') throw new Error(`cannot read FROM ${rest}`);
      stages.push({ name: name ?? String(stages.length), base, instructions: [] });
      continue;
    }
    if (!stage) throw new Error(`${op} before the first FROM`);
    stage.instructions.push(instruction(op, rest));
  }
  return stages;
}

function instruction(op: string, rest: string): Instruction {
  switch (op) {
    case 'WORKDIR':
      return { op, path: rest };
    case 'COPY': {
      const parts = words(rest);
      const flags = parts.filter((part) => part.startsWith('--'));
      const paths = parts.filter((part) => !part.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      const unknown = flags.filter((flag) => !flag.startsWith('--from=') && !flag.startsWith('--chown='));
      if (unknown.length > 0 || paths.length < 2) throw new Error(`cannot read COPY ${rest}`);
      return { op, from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    }
    case 'RUN':
      return { op, command: rest };
    case 'ENV': {
      const parts = words(rest);
      if (parts.length === 2 && !parts[0]!.includes('=')) return { op, vars: { [parts[0]!]: parts[1]! } };
      return { op, vars: Object.fromEntries(parts.map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)])) };
    }
    case 'USER':
      return { op, user: rest };
    case 'VOLUME':
      return { op, paths: rest.startsWith('[') ? execForm(rest, 'VOLUME') : words(rest) };
    case 'EXPOSE':
      return { op, ports: words(rest) };
    case 'HEALTHCHECK': {
      const at = rest.indexOf('CMD ');
      if (at < 0) throw new Error('HEALTHCHECK must have a CMD');
      return { op, command: execForm(rest.slice(at + 4).trim(), 'HEALTHCHECK CMD') };
    }
    case 'STOPSIGNAL':
      return { op, signal: rest };
    case 'CMD':
      return { op, command: execForm(rest, 'CMD') };
    default:
      throw new Error(`the container smoke test does not know the ${op} instruction`);
  }
}
