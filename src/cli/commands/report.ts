// `tillpoint report NAME [--from DATE] [--to DATE] [--csv|--json]` and `tillpoint report slip
// SALE [40|80] [--json]`: the Reports menu's reports, read-only, as text, CSV or JSON. The audit
// report also takes --by CODE (who acted or approved) and --kind K[,K...]; warnings (damaged audit lines) go to
// stderr, and under the text table as well.
import { AuditKindError, parseAuditKinds } from '../../reports/audit.js';
import { cellText, printedRows, renderText } from '../../reports/format.js';
import { PeriodError, periodOf } from '../../reports/period.js';
import { reportNamed, reportNames } from '../../reports/registry.js';
import { reprintSlip, SlipNotFound } from '../../reports/slip.js';
import type { Report, ReportFilters } from '../../reports/types.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { writeCsv } from '../csv.js';
import { openCliStore } from '../open-store.js';

const USAGE = 'NAME [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by CODE] [--kind K[,K...]] [--csv|--json] (see tillpoint report --help)';

/** --by and --kind, for the reports that take them; a usage error anywhere else. */
function filtersOf(inv: Invocation, report: Report): ReportFilters {
  const filters: ReportFilters = {};
  const takes = report.filters ?? [];
  // --by, not --operator: that names who runs the command (SPEC section 7).
  if (inv.given.has('by')) {
    if (!takes.includes('operator')) throw new UsageError(`report ${report.name} does not take --by (only audit does)`);
    const code = (inv.values.by ?? '').trim();
    if (code === '') throw new UsageError('--by needs an operator code, e.g. --by C1');
    filters.operator = code;
  }
  if (inv.given.has('kind')) {
    if (!takes.includes('kinds')) throw new UsageError(`report ${report.name} does not take --kind (only audit does)`);
    try {
      filters.kinds = parseAuditKinds(inv.values.kind ?? '');
    } catch (err) {
      if (err instanceof AuditKindError) throw new UsageError(err.message);
      throw err;
    }
  }
  return filters;
}

function slipCommand(inv: Invocation): Promise<number> {
  positionalCount(inv, 2, 3, 'slip SALE [40|80] [--json]');
  if (inv.values.csv) throw new UsageError('report slip prints a slip: use the text form or --json, not --csv');
  if (inv.given.has('from') || inv.given.has('to')) throw new UsageError('report slip takes a sale number, not --from or --to');
  if (inv.given.has('by') || inv.given.has('kind')) throw new UsageError('report slip takes a sale number, not --by or --kind');
  const widthText = inv.positionals[2] ?? '40';
  if (widthText !== '40' && widthText !== '80') throw new UsageError(`report slip: the width must be 40 or 80 (got "${widthText}")`);
  return openCliStore(inv).then(({ store }) => {
    try {
      const r = reprintSlip(store, inv.positionals[1]!, widthText === '80' ? 80 : 40);
      process.stdout.write(inv.values.json ? `${JSON.stringify(r)}\n` : r.text);
      return 0;
    } catch (err) {
      if (err instanceof SlipNotFound) throw new Refusal(err.message);
      throw err;
    } finally {
      store.close();
    }
  });
}

export async function reportCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['from', 'to', 'csv', 'by', 'kind']);
  if (inv.values.csv && inv.values.json) throw new UsageError('report: give --csv or --json, not both');
  const name = inv.positionals[0];
  if (name === undefined) throw new UsageError(`usage: tillpoint report ${USAGE}; reports: ${reportNames().join(', ')}`);
  if (name === 'slip') return slipCommand(inv);
  const report = reportNamed(name);
  if (!report) throw new UsageError(`unknown report "${name}": choose one of ${reportNames().join(', ')}`);
  positionalCount(inv, 1, 1, USAGE);
  const filters = filtersOf(inv, report);
  const { store } = await openCliStore(inv);
  try {
    const company = store.get('settings').company;
    let period;
    try {
      period = periodOf(report.period, inv.values.from, inv.values.to, now().getTime(), company.timeZone, report.name);
    } catch (err) {
      if (err instanceof PeriodError) throw new UsageError(err.message);
      throw err;
    }
    const warnings: string[] = [];
    const rows = report.rows({ store, period, now, filters, warn: (m) => warnings.push(m) });
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    const money = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
    if (inv.values.json) {
      process.stdout.write(`${JSON.stringify(printedRows(report, rows, money))}\n`);
    } else if (inv.values.csv) {
      process.stdout.write(writeCsv(report.columns.map((c) => c.key), rows.map((r) => report.columns.map((c) => cellText(c, r[c.key], money)))));
    } else {
      process.stdout.write(renderText(report, rows, period, money) + warnings.map((w) => `Warning: ${w}\n`).join(''));
    }
    return 0;
  } finally {
    store.close();
  }
}
