// The F3 filter of a report screen as form fields: the period (From/To store dates, both
// inclusive) for reports that take one, and for Audit an operator and a kind. The values become
// the period and filters the CLI builds from --from/--to/--operator/--kind, checked the same way.
import { periodText } from '../../reports/format.js';
import { periodOf, PeriodError, type Period } from '../../reports/period.js';
import type { Report, ReportFilters } from '../../reports/types.js';
import { AUDIT_KINDS, type AuditKind } from '../../store/audit/types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { localDateText, parseLocalDate } from '../ledger/journal-filter-fields.js';

export const REPORT_FILTER_LABELS = { from: 'From date', to: 'To date', operator: 'Operator', kind: 'Kind' } as const;

const ANY = '';
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;

function dateMessage(label: string, text: string): string | null {
  if (text.trim() === '') return null;
  return parseLocalDate(text) === null ? `${label}: a calendar date as YYYY-MM-DD, e.g. 2026-05-04 (got "${text.trim()}")` : null;
}

function operatorMessage(text: string): string | null {
  const t = text.trim();
  return t === '' || CODE.test(t) ? null : `${REPORT_FILTER_LABELS.operator}: an operator code, e.g. C1 (letters, digits, - and _), or empty for everyone`;
}

export function hasFilter(report: Report): boolean {
  return report.period !== 'none' || (report.filters?.length ?? 0) > 0;
}

export function reportFilterFields(report: Report): FieldDef[] {
  const defs: FieldDef[] = [];
  if (report.period !== 'none') {
    defs.push(
      { key: 'from', label: REPORT_FILTER_LABELS.from, kind: 'text', maxLength: 10, validate: (v) => dateMessage(REPORT_FILTER_LABELS.from, v) },
      {
        key: 'to', label: REPORT_FILTER_LABELS.to, kind: 'text', maxLength: 10,
        validate: (v, all) => {
          const own = dateMessage(REPORT_FILTER_LABELS.to, v);
          if (own !== null) return own;
          const from = (all.from ?? '').trim();
          return from !== '' && v.trim() !== '' && parseLocalDate(from) !== null && v.trim() < from
            ? `${REPORT_FILTER_LABELS.to}: must be on or after the From date (${from})` : null;
        },
      },
    );
  }
  if (report.filters?.includes('operator')) {
    defs.push({ key: 'operator', label: REPORT_FILTER_LABELS.operator, kind: 'text', maxLength: 20, validate: (v) => operatorMessage(v) });
  }
  if (report.filters?.includes('kinds')) {
    defs.push({ key: 'kind', label: REPORT_FILTER_LABELS.kind, kind: 'choice', choices: [{ value: ANY, label: '(every kind)' }, ...AUDIT_KINDS.map((k) => ({ value: k, label: k }))] });
  }
  return defs;
}

/** What a report screen opens on: today, on the shop's calendar (for reports with a period). */
export function initialFilter(report: Report, nowMs: number, timeZone: string): FormValues {
  const today = report.period === 'none' ? '' : localDateText(nowMs, timeZone);
  return { from: today, to: today, operator: '', kind: ANY };
}

export interface ReportRun { period: Period; filters: ReportFilters }

/**
 * The period and filters of validated values. Empty dates mean what they mean on the command line
 * (today for a day report, everything for the others). Throws with the field's label otherwise.
 */
export function reportRunOf(report: Report, v: FormValues, nowMs: number, timeZone: string): ReportRun {
  const from = (v.from ?? '').trim();
  const to = (v.to ?? '').trim();
  for (const [label, text] of [[REPORT_FILTER_LABELS.from, from], [REPORT_FILTER_LABELS.to, to]] as const) {
    const problem = dateMessage(label, text);
    if (problem !== null) throw new Error(problem);
  }
  let period: Period;
  try {
    period = periodOf(report.period, from === '' ? undefined : from, to === '' ? undefined : to, nowMs, timeZone, report.name);
  } catch (e) {
    if (e instanceof PeriodError) throw new Error(`${REPORT_FILTER_LABELS.to}: must be on or after the From date (${from})`);
    throw e;
  }
  const filters: ReportFilters = {};
  const operator = (v.operator ?? '').trim();
  if (operator !== '' && report.filters?.includes('operator')) {
    const problem = operatorMessage(operator);
    if (problem !== null) throw new Error(problem);
    filters.operator = operator.toUpperCase();
  }
  const kind = v.kind ?? ANY;
  if (kind !== ANY && report.filters?.includes('kinds')) {
    if (!(AUDIT_KINDS as readonly string[]).includes(kind)) throw new Error(`${REPORT_FILTER_LABELS.kind}: choose one from the list`);
    filters.kinds = [kind as AuditKind];
  }
  return { period, filters };
}

/** One line: the report, its period and filters, in the operator's words. */
export function runSummary(report: Report, run: ReportRun): string {
  const parts = [report.period === 'none' ? `${report.title} (now)` : `${report.title}: ${periodText(run.period)}`];
  if (run.filters.operator) parts.push(`operator ${run.filters.operator}`);
  if (run.filters.kinds?.length) parts.push(`kind ${run.filters.kinds.join(', ')}`);
  return parts.join(', ');
}
