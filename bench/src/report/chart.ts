// An SVG of latency against load, one panel per writer count (and one for the fan-out cases),
// one colour per server, p99 solid and p50 dashed, log scales. Hand-written: no chart library.
import type { Aggregate } from '../results.ts';
import { targets, type TargetId } from '../targets.ts';

const colours: Record<TargetId, string> = {
  bare: '#1f77b4',
  sqlite: '#ff7f0e',
  concord: '#2ca02c',
  'concord-fsync': '#9467bd',
};

interface Series {
  target: TargetId;
  points: { x: number; p50: number; p99: number }[];
}

interface Panel {
  title: string;
  xLabel: string;
  series: Series[];
}

function panelsFrom(aggregates: Aggregate[]): Panel[] {
  const panels: Panel[] = [];
  const steps = aggregates.filter((a) => a.scenario === 'writers-steps');
  const writerCounts = [...new Set(steps.map((a) => a.medians.writers))].sort((a, b) => a - b);
  for (const writers of writerCounts) {
    const rows = steps.filter((a) => a.medians.writers === writers);
    panels.push({ title: `${writers} writers, one document`, xLabel: 'total edits/s', series: seriesOf(rows) });
  }
  const fanout = aggregates.filter((a) => a.scenario === 'fanout');
  const layouts = [...new Set(fanout.map((a) => a.caseLabel.split(' @ ')[0]))];
  for (const layout of layouts) {
    const rows = fanout.filter((a) => a.caseLabel.startsWith(`${layout} @`));
    panels.push({ title: `fan-out ${layout} (docs × clients)`, xLabel: 'total edits/s', series: seriesOf(rows) });
  }
  return panels;
}

function seriesOf(rows: Aggregate[]): Series[] {
  const ids = [...new Set(rows.map((row) => row.target))];
  return ids.map((target) => ({
    target,
    points: rows
      .filter((row) => row.target === target && row.x !== undefined)
      .map((row) => ({ x: row.x!, p50: row.medians.p50, p99: row.medians.p99 }))
      .filter((point) => Number.isFinite(point.p99))
      .sort((a, b) => a.x - b.x),
  }));
}

const panelWidth = 360;
const panelHeight = 260;
const margin = { left: 52, right: 12, top: 28, bottom: 40 };

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(min)); decade <= Math.ceil(Math.log10(max)); decade++) {
    for (const m of [1, 2, 5]) {
      const value = m * 10 ** decade;
      if (value >= min && value <= max) ticks.push(value);
    }
  }
  return ticks;
}

function drawPanel(panel: Panel, offsetX: number, offsetY: number, limitMs: number): string {
  const points = panel.series.flatMap((s) => s.points);
  if (points.length === 0) return '';
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => [p.p50, p.p99]).concat(limitMs).filter((y) => y > 0);
  const xMin = Math.min(...xs) / 1.3;
  const xMax = Math.max(...xs) * 1.3;
  const yMin = Math.max(0.1, Math.min(...ys) / 1.5);
  const yMax = Math.max(...ys) * 1.5;
  const w = panelWidth - margin.left - margin.right;
  const h = panelHeight - margin.top - margin.bottom;
  const sx = (x: number) => offsetX + margin.left + ((Math.log(x) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * w;
  const sy = (y: number) => offsetY + margin.top + h - ((Math.log(Math.max(y, yMin)) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * h;
  const parts: string[] = [];
  parts.push(`<text x="${offsetX + panelWidth / 2}" y="${offsetY + 16}" text-anchor="middle" font-weight="bold">${panel.title}</text>`);
  parts.push(`<rect x="${offsetX + margin.left}" y="${offsetY + margin.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  for (const tick of logTicks(yMin, yMax)) {
    parts.push(`<line x1="${offsetX + margin.left}" x2="${offsetX + margin.left + w}" y1="${sy(tick)}" y2="${sy(tick)}" stroke="#eee"/>`);
    parts.push(`<text x="${offsetX + margin.left - 4}" y="${sy(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  for (const tick of logTicks(xMin, xMax)) {
    parts.push(`<text x="${sx(tick)}" y="${offsetY + margin.top + h + 14}" text-anchor="middle">${tick}</text>`);
  }
  parts.push(`<text x="${offsetX + margin.left + w / 2}" y="${offsetY + panelHeight - 8}" text-anchor="middle">${panel.xLabel}</text>`);
  parts.push(`<text transform="translate(${offsetX + 12},${offsetY + margin.top + h / 2}) rotate(-90)" text-anchor="middle">latency ms</text>`);
  parts.push(`<line x1="${offsetX + margin.left}" x2="${offsetX + margin.left + w}" y1="${sy(limitMs)}" y2="${sy(limitMs)}" stroke="#d62728" stroke-dasharray="2,3"/>`);
  for (const series of panel.series) {
    const colour = colours[series.target];
    for (const [key, dash] of [['p99', ''], ['p50', ' stroke-dasharray="5,4"']] as const) {
      const path = series.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p[key]).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`);
      for (const p of series.points) parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p[key]).toFixed(1)}" r="2.5" fill="${colour}"/>`);
    }
  }
  return parts.join('\n');
}

export function renderChart(aggregates: Aggregate[], limitMs: number): string | undefined {
  const panels = panelsFrom(aggregates);
  if (panels.length === 0) return undefined;
  const columns = Math.min(3, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const legendHeight = 30;
  const width = columns * panelWidth;
  const height = rows * panelHeight + legendHeight;
  const body = panels.map((panel, i) => drawPanel(panel, (i % columns) * panelWidth, legendHeight + Math.floor(i / columns) * panelHeight, limitMs));
  const shown = [...new Set(panels.flatMap((panel) => panel.series.map((s) => s.target)))];
  const legend = shown.map(
    (id, i) =>
      `<rect x="${10 + i * 170}" y="10" width="14" height="4" fill="${colours[id]}"/><text x="${30 + i * 170}" y="16">${targets[id].label}</text>`,
  );
  legend.push(`<text x="${10 + shown.length * 170}" y="16">solid p99, dashed p50, red dots ${limitMs} ms</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...legend,
    ...body,
    '</svg>',
  ].join('\n');
}
