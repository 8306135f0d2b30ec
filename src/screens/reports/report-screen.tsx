// Reports > any table report (src/reports/registry.ts): the rows of the period, paged (PgUp/PgDn,
// Home/End, Up/Down selects a row whose every column shows in the detail lines), F3 changes the
// period (and, for Audit, operator and kind) and runs it again. A run reads only the period asked,
// once; paging moves through the rows in memory. The run starts after the frame that shows the
// spinner, and keys typed meanwhile are held and replayed (the dispatcher's busy state).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { reportNamed } from '../../reports/registry.js';
import type { Report, Row } from '../../reports/types.js';
import { backOffice } from '../../store/index.js';
import { useApp } from '../app-context.js';
import type { FormValues } from '../forms/field-types.js';
import { errorText } from '../forms/form.js';
import { FilterForm } from '../forms/filter-form.js';
import { matches, type Command } from '../keys/bindings.js';
import { useKeyHandler, useKeys } from '../keys/dispatcher.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { fit } from '../pos/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useTheme } from '../theme.js';
import { hasFilter, initialFilter, REPORT_FILTER_LABELS, reportFilterFields, reportRunOf, runSummary, type ReportRun } from './report-filter-fields.js';
import { reportTable, rowDetail, screenRows } from './report-table.js';
import { clampTop, pageText } from './report-paging.js';
import { REPORT_ITEMS } from './reports-menu.js';

/** Rows around the report's rows: summary, header, rule / rule, total, detail x2, page line. */
export const REPORT_CHROME_ROWS = 8;

/** The selected row's mark at the right end of its line (so the mark never depends on colour). */
const MARK_COLUMNS = 2;

const LIST_ONLY: readonly Command[] = ['listAdd', 'listEdit', 'listDelete'];

interface Result { run: ReportRun; rows: Row[]; warnings: string[] }


export function ReportScreen({ name }: { name: string }): ReactNode {
  const report = reportNamed(name);
  if (!report) return <Shell scope="global" status={{ text: `There is no report "${name}"`, kind: 'error' }} />;
  return <ReportView report={report} />;
}

function ReportView({ report }: { report: Report }): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const keys = useKeys();
  const { rows: height, columns } = useScreenContentSize();
  const company = store.get('settings').company;
  const money = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  // The back office's clock as it is now, taken once: a report may hand ctx.now to backOffice(),
  // which keeps it, so a clock that asked backOffice() for the time would call itself.
  const [now] = useState(() => backOffice(store).now);
  const body = Math.max(1, height - REPORT_CHROME_ROWS);
  const crumb = ['Reports', reportTitle(report)];

  const [values, setValues] = useState<FormValues>(() => initialFilter(report, now().getTime(), company.timeZone));
  const [result, setResult] = useState<Result | null>(null);
  // In a ref too: keys held while the report ran are replayed as it ends, before React renders
  // the rows, and must page through them, not through the empty screen before.
  const resultRef = useRef<Result | null>(null);
  const [status, setStatus] = useState<StatusMessage | undefined>(undefined);
  const [filtering, setFiltering] = useState(false);
  const alive = useRef(true);
  // Refs as well as state: PgDn PgDn in one burst must move two pages.
  const topRef = useRef(0);
  const selRef = useRef(0);
  const [, setMoved] = useState(0);

  const start = (run: ReportRun): void => {
    void keys.runBusy(`Running ${report.title}`, async () => {
      // Let the spinner's frame out before the (synchronous) read.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const warnings: string[] = [];
      try {
        const rows = report.rows({ store, period: run.period, now, filters: run.filters, warn: (m) => warnings.push(m) });
        if (!alive.current) return;
        topRef.current = 0;
        selRef.current = 0;
        resultRef.current = { run, rows, warnings };
        setResult(resultRef.current);
        setStatus(warnings.length > 0 ? { text: warnings.join('; '), kind: 'error' } : { text: `${rows.length} row${rows.length === 1 ? '' : 's'}`, kind: 'info' });
      } catch (e) {
        if (alive.current) setStatus({ text: `${report.title}: ${errorText(e)}`, kind: 'error' });
      }
    });
  };

  useEffect(() => {
    try {
      start(reportRunOf(report, values, now().getTime(), company.timeZone));
    } catch (e) {
      setStatus({ text: errorText(e), kind: 'error' });
    }
    return () => { alive.current = false; };
  }, []);

  const count = result?.rows.length ?? 0;
  const go = (top: number, sel: number): true => {
    const count = resultRef.current?.rows.length ?? 0;
    const t = clampTop(top, count, body);
    const s = Math.max(0, Math.min(count - 1, sel));
    topRef.current = s < t ? s : s >= t + body ? s - body + 1 : t;
    selRef.current = s;
    setMoved((n) => n + 1);
    return true;
  };

  useKeyHandler((key) => {
    const count = resultRef.current?.rows.length ?? 0;
    if (matches(key, 'pageDown')) {
      if (topRef.current + body >= count) {
        setStatus({ text: 'This is the last page', kind: 'info' });
        return true;
      }
      return go(topRef.current + body, topRef.current + body);
    }
    if (matches(key, 'pageUp')) {
      if (topRef.current === 0) {
        setStatus({ text: 'This is the first page', kind: 'info' });
        return true;
      }
      return go(topRef.current - body, topRef.current - body);
    }
    if (matches(key, 'moveDown')) return go(topRef.current, selRef.current + 1);
    if (matches(key, 'moveUp')) return go(topRef.current, selRef.current - 1);
    if (matches(key, 'moveFirst')) return go(0, 0);
    if (matches(key, 'moveLast')) return go(count, count - 1);
    if (matches(key, 'listFind') && hasFilter(report)) {
      setFiltering(true);
      return true;
    }
    return false;
  }, { layer: 'screen', active: !filtering });

  if (filtering) {
    return (
      <FilterForm
        defs={reportFilterFields(report)}
        initial={values}
        breadcrumb={[...crumb, 'Filter']}
        labels={REPORT_FILTER_LABELS}
        prepare={(v) => reportRunOf(report, v, now().getTime(), company.timeZone)}
        apply={(v, run) => {
          setValues(v);
          start(run);
        }}
        close={() => setFiltering(false)}
      />
    );
  }

  const oneDay = result !== null && result.run.period.from !== null && result.run.period.from === result.run.period.to;
  const table = result ? reportTable(report, screenRows(report, result.rows, oneDay), money, columns - MARK_COLUMNS, theme.ascii ? '#' : '█') : null;
  const top = topRef.current;
  const sel = selRef.current;
  const rule = (theme.ascii ? '-' : '─').repeat(columns);
  const shown = table ? table.lines.slice(top, top + body) : [];
  const empty = result === null ? '' : count === 0 ? `Nothing in this ${report.period === 'none' ? 'report' : 'period'}${hasFilter(report) ? ' (F3 changes it)' : ''}` : '';
  const keysText = `PgUp/PgDn page, Home/End, Up/Down row${hasFilter(report) ? ', F3 filter' : ''}`;
  return (
    <Shell breadcrumb={crumb} scope="list" hide={hasFilter(report) ? LIST_ONLY : [...LIST_ONLY, 'listFind']} status={status}>
      <Box flexDirection="column" height={height} width={columns} overflow="hidden">
        <Text bold wrap="truncate">{fit(result ? runSummary(report, result.run) : `${report.title}: running`, columns)}</Text>
        <Text bold wrap="truncate">{table?.header ?? ''}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Box flexDirection="column" height={body} overflow="hidden">
          {empty === '' ? null : <Text color={theme.colors.muted} wrap="truncate">{`  ${empty}`}</Text>}
          {shown.map((text, i) => (
            <Text key={top + i} inverse={top + i === sel && theme.color} bold={top + i === sel} wrap="truncate">
              {`${fit(text, columns - MARK_COLUMNS)}${top + i === sel ? ` ${theme.marks.selected}` : ''}`.replace(/\s+$/, '')}
            </Text>
          ))}
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Text bold wrap="truncate">{table?.total ?? ''}</Text>
        <Box height={2} overflow="hidden">
          <Text color={theme.colors.muted} wrap="wrap">{result ? rowDetail(report, result.rows[sel], money) : ''}</Text>
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{fit(result === null ? 'Running the report (keys wait until it is done)' : `${pageText(top, shown.length, count)} (${keysText})`, columns)}</Text>
      </Box>
    </Shell>
  );
}

/** The menu's label for a report ("Sales by Hour"), the breadcrumb's last part. */
function reportTitle(report: Report): string {
  return REPORT_ITEMS.find((i) => i.name === report.name)?.label ?? report.title;
}
