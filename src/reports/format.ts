// A report's rows as printed: an aligned text table (title, period, optional bar chart and
// totals), CSV (header and rows) or a JSON array. Money is printed as a decimal string in the
// store's currency decimals without symbol ("19.99"), the same in all three forms.
import { formatMoney } from '../engine/money.js';
import type { Period } from './period.js';
import type { Column, Report, Row } from './types.js';

export interface MoneyDigits { symbol: string; decimals: number }

const BAR = 40;

export function cellText(c: Column, v: string | number | undefined, money: MoneyDigits): string {
  if (v === undefined) return '';
  if (c.kind === 'money' && typeof v === 'number') return formatMoney(v, { decimals: money.decimals });
  return String(v);
}

/** Rows with every money cell as a decimal string: what --json and --csv print. */
export function printedRows(report: Report, rows: readonly Row[], money: MoneyDigits): Record<string, string | number>[] {
  return rows.map((r) => Object.fromEntries(report.columns.map((c) => [c.key, c.kind === 'money' ? cellText(c, r[c.key], money) : (r[c.key] ?? '')])));
}

export function periodText(p: Period): string {
  if (p.from === null) return 'all';
  return p.from === p.to ? p.from : `${p.from} to ${p.to}`;
}

function totalsOf(report: Report, rows: readonly Row[]): Row {
  const out: Row = {};
  for (const c of report.columns) {
    if (c.kind === 'text') continue;
    out[c.key] = rows.reduce((n, r) => n + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
  }
  out[report.columns[0]!.key] = 'Total';
  return out;
}

function bar(value: number, max: number): string {
  if (max <= 0 || value <= 0) return '';
  // Integer arithmetic: a bar never depends on float rounding; any non-zero value shows one mark.
  return '#'.repeat(Math.max(1, Math.floor((value * BAR) / max)));
}

export function renderText(report: Report, rows: readonly Row[], period: Period, money: MoneyDigits): string {
  const head = `${report.title}${report.period === 'none' ? ' (now)' : `: ${periodText(period)}`}\n`;
  if (rows.length === 0) return `${head}(nothing in this ${report.period === 'none' ? 'report' : 'period'})\n`;
  const body: Row[] = report.totals ? [...rows, totalsOf(report, rows)] : [...rows];
  const cells = body.map((r) => report.columns.map((c) => cellText(c, r[c.key], money)));
  const widths = report.columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]!.length)));
  const line = (texts: string[]) => texts.map((t, i) => (report.columns[i]!.kind === 'text' ? t.padEnd(widths[i]!) : t.padStart(widths[i]!))).join('  ').replace(/\s+$/, '');
  const chartKey = report.chart;
  const max = chartKey ? Math.max(0, ...rows.map((r) => (typeof r[chartKey] === 'number' ? (r[chartKey] as number) : 0))) : 0;
  const out = [line(report.columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  ')];
  cells.forEach((texts, i) => {
    const isTotal = report.totals && i === rows.length;
    if (isTotal) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    const chart = chartKey && !isTotal ? bar(Number(rows[i]![chartKey] ?? 0), max) : '';
    out.push(chart ? `${line(texts)}  ${chart}` : line(texts));
  });
  return `${head}${out.join('\n')}\n`;
}
