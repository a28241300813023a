// Markdown tables (readable on stdout, pasted as-is into docs/BENCHMARKS.md).
import type { Aggregate, Column } from '../results.ts';
import { targets, type TargetId } from '../targets.ts';

export interface TableSpec {
  title: string;
  scenario: string;
  columns: Column[];
  /** The server the ratios are taken against. */
  ratioTo: TargetId;
}

function format(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

export function renderTable(spec: TableSpec, aggregates: Aggregate[]): string {
  const rows = aggregates.filter((aggregate) => aggregate.scenario === spec.scenario);
  if (rows.length === 0) return '';
  const ratioColumns = spec.columns.filter((column) => column.ratio);
  const header = [
    'case',
    'server',
    'reps',
    ...spec.columns.map((column) => column.label),
    ...ratioColumns.map((column) => `${column.label.replace(/ (ms|%|MB|KB|\/s)$/, '')} ×${targets[spec.ratioTo].label}`),
  ];
  const lines = [`### ${spec.title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const notes: string[] = [];
  for (const row of rows) {
    const base = rows.find((other) => other.caseLabel === row.caseLabel && other.target === spec.ratioTo);
    const cells = [
      row.caseLabel,
      targets[row.target].label,
      String(row.reps),
      ...spec.columns.map((column) => format(row.medians[column.key], column.digits)),
      ...ratioColumns.map((column) => {
        const ratio = base ? row.medians[column.key] / base.medians[column.key] : Number.NaN;
        return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
      }),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
    for (const note of row.notes) notes.push(`${row.caseLabel}, ${targets[row.target].label}: ${note}`);
  }
  if (notes.length) lines.push('', ...notes.map((note) => `- ${note}`));
  return lines.join('\n') + '\n';
}
