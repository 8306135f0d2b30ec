// A report's rows as screen lines: one line per row, in columns sized over every row of the run
// (so pages line up with each other), fitted to the width; the Total line of a totals report; the
// bar chart of a chart report in the columns left after the table. Pure, tested without Ink.
import { cellText, type MoneyDigits } from '../../reports/format.js';
import type { Column, Report, Row } from '../../reports/types.js';
import { fit } from '../pos/format.js';

/** Columns shown for reports too wide for 80 columns; the rest is in the selected row's detail. */
const SCREEN_COLUMNS: Record<string, readonly string[]> = {
  audit: ['time', 'kind', 'operator', 'approvedBy', 'detail'],
  outbox: ['till', 'state', 'op', 'sale', 'createdAt', 'reason'],
};

const GAP = 2;
const MAX_BAR = 40;
/** A chart narrower than this says nothing: the table keeps the room instead. */
const MIN_BAR = 8;

export interface ReportTable {
  header: string;
  lines: string[];
  /** The Total line, for reports with totals and rows. */
  total: string | null;
}

export function screenColumns(report: Report): Column[] {
  const keys = SCREEN_COLUMNS[report.name];
  return keys ? report.columns.filter((c) => keys.includes(c.key)) : report.columns;
}

function totalsRow(report: Report, rows: readonly Row[]): Row {
  const out: Row = {};
  for (const c of report.columns) {
    if (c.kind !== 'text') out[c.key] = rows.reduce((n, r) => n + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
  }
  out[report.columns[0]!.key] = 'Total';
  return out;
}

/** Integer arithmetic, as the text report draws it: any value above zero shows one mark. */
export function barOf(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0 || width <= 0) return '';
  return '#'.repeat(Math.max(1, Math.floor((value * width) / max)));
}

export function reportTable(report: Report, rows: readonly Row[], money: MoneyDigits, width: number, mark = '#'): ReportTable {
  const cols = screenColumns(report);
  const total = report.totals && rows.length > 0 ? totalsRow(report, rows) : null;
  const cells = (r: Row) => cols.map((c) => cellText(c, r[c.key], money));
  const body = rows.map(cells);
  const totalCells = total ? cells(total) : null;
  const widths = cols.map((c, i) => Math.max(c.title.length, ...body.map((b) => b[i]!.length), totalCells ? totalCells[i]!.length : 0));
  const line = (texts: string[]) => texts.map((t, i) => (cols[i]!.kind === 'text' ? t.padEnd(widths[i]!) : t.padStart(widths[i]!))).join(' '.repeat(GAP)).replace(/\s+$/, '');
  const tableWidth = widths.reduce((n, w) => n + w, 0) + GAP * (cols.length - 1);
  const chartKey = report.chart;
  const room = Math.min(MAX_BAR, width - tableWidth - GAP);
  const barWidth = chartKey && room >= MIN_BAR ? room : 0;
  const max = chartKey ? Math.max(0, ...rows.map((r) => (typeof r[chartKey] === 'number' ? (r[chartKey] as number) : 0))) : 0;
  const lines = body.map((texts, i) => {
    const bar = barWidth > 0 ? barOf(Number(rows[i]![chartKey!] ?? 0), max, barWidth).replace(/#/g, mark) : '';
    const text = bar === '' ? line(texts) : `${line(texts).padEnd(tableWidth)}${' '.repeat(GAP)}${bar}`;
    return fit(text, width).replace(/\s+$/, '');
  });
  return {
    header: fit(line(cols.map((c) => c.title)), width).replace(/\s+$/, ''),
    lines,
    total: totalCells ? fit(line(totalCells), width).replace(/\s+$/, '') : null,
  };
}

/**
 * One row's columns ("Title: value") for the detail lines under the table: those the screen
 * leaves out and the last one shown (which may be cut at the edge); every column when the screen
 * shows them all.
 */
export function rowDetail(report: Report, row: Row | undefined, money: MoneyDigits): string {
  if (!row) return '';
  const shown = screenColumns(report);
  const cols = shown.length === report.columns.length ? report.columns : report.columns.filter((c) => !shown.includes(c) || c === shown.at(-1));
  return cols.map((c) => ({ c, v: cellText(c, row[c.key], money) })).filter(({ v }) => v !== '').map(({ c, v }) => `${c.title}: ${v}`).join('  ');
}

/**
 * The rows as the screen shows them: over one day, an audit time without its date (the summary
 * line above has it), so the entry's own words get the room.
 */
export function screenRows(report: Report, rows: readonly Row[], oneDay: boolean): readonly Row[] {
  if (report.name !== 'audit' || !oneDay) return rows;
  return rows.map((r) => ({ ...r, time: String(r.time ?? '').slice(11) }));
}
