// Cash-up > X Report: the totals since the last Z, as the next Z would count them. Nothing is
// recorded in the journal (the audit trail notes who looked).
import { useState, type ReactNode } from 'react';
import { renderCashupSlip } from '../../engine/cashup/slip.js';
import { xReport, type CashupView } from '../../store/cashup/index.js';
import { useApp } from '../app-context.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { Shell } from '../shell/shell.js';
import { linesOf, ReportLines, useReportScroll } from './report-view.js';

export function XReportScreen(): ReactNode {
  const { store, till, tillId, operator, session } = useApp();
  const { rows, columns } = useScreenContentSize();
  const [view] = useState<CashupView | string>(() => {
    try {
      return xReport(store, tillId, till?.cashupDesk?.().now() ?? new Date());
    } catch (err) {
      return errorText(err);
    }
  });
  const lines = typeof view === 'string' ? [] : linesOf(renderCashupSlip({
    title: `X REPORT (before Z ${view.z}, ${view.day})`, till: tillId, operator: session?.code() ?? operator, at: view.at, totals: view.totals,
  }, store.get('settings').company, 40));
  const listRows = Math.max(1, rows - 1);
  const { top } = useReportScroll(lines.length, listRows, true);
  const status = typeof view === 'string' ? { kind: 'error' as const, text: `X report: ${view}` }
    : view.closed ? { kind: 'info' as const, text: view.closed } : undefined;
  return (
    <Shell scope="cashup" hide={['cashupEnter', 'closeDay']} status={status}>
      <ReportLines lines={lines} top={top} rows={listRows} columns={columns} />
    </Shell>
  );
}
