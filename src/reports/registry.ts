// Every report `tillpoint report NAME` (and later the Reports menu) knows, in menu order. Kept
// out of the till's start-up path: only the report command imports this.
import { accrualHistoryReport } from './accrual-history.js';
import { auditReport } from './audit.js';
import { loyaltySalesReport } from './loyalty-sales.js';
import { outboxReport } from './outbox.js';
import { salesByHourReport } from './sales-by-hour.js';
import { salesByItemReport } from './sales-by-item.js';
import { trialBalanceReport } from './trial-balance.js';
import type { Report } from './types.js';
import { uploadsReport } from './uploads.js';

export const REPORTS: readonly Report[] = [
  loyaltySalesReport, accrualHistoryReport, uploadsReport, outboxReport, trialBalanceReport, salesByItemReport, salesByHourReport, auditReport,
];

/** The slip reprint is a report too, but prints one slip rather than a table. */
export const SLIP_REPORT = { name: 'slip', describe: 'SALE [40|80]: the slip of a sale or refund, reprinted (marked REPRINT)' };

export function reportNamed(name: string): Report | undefined {
  return REPORTS.find((r) => r.name === name);
}

export function reportNames(): string[] {
  return [...REPORTS.map((r) => r.name), SLIP_REPORT.name];
}
