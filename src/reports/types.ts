// The shape every report shares: the CLI (and later the Reports screens) render any of them the
// same way, as a text table, CSV or JSON. Rows are plain objects; money stays integer cents here
// and becomes a decimal string only when printed.
import type { AuditKind } from '../store/audit/types.js';
import type { Store } from '../store/index.js';
import type { Period } from './period.js';

export type ColumnKind = 'text' | 'money' | 'count';

export interface Column {
  key: string;
  title: string;
  kind: ColumnKind;
}

export type Row = Record<string, string | number>;

/**
 * day: a period of store dates, today when not given; all: every record unless a period is
 * given; none: a state as it is now, so --from/--to are refused.
 */
export type PeriodUse = 'day' | 'all' | 'none';

/** Narrowing beyond the period, for the reports that declare it (Report.filters). */
export interface ReportFilters {
  /** An operator code: who acted or who approved. */
  operator?: string;
  kinds?: readonly AuditKind[];
}

export type ReportFilterName = keyof ReportFilters;

export interface ReportContext {
  store: Store;
  period: Period;
  now: () => Date;
  filters?: ReportFilters;
  /** Something the reader should know beside the rows (damaged lines skipped): a footer line. */
  warn?: (message: string) => void;
}

export interface Report {
  name: string;
  title: string;
  /** One line for `tillpoint report --help`. */
  describe: string;
  period: PeriodUse;
  columns: Column[];
  rows(ctx: ReportContext): Row[];
  /** A count or money column drawn as a bar after each row in the text output. */
  chart?: string;
  /** Money and count columns summed in a Total line of the text output. */
  totals?: boolean;
  /** The filters it takes besides the period; others are refused. */
  filters?: readonly ReportFilterName[];
}
