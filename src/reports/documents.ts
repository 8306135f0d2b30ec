// The sales and refunds of a period, read from near the period's start of each journal
// (scanRange), never from the start of history.
import type { CompletedRefund, CompletedSale } from '../engine/types.js';
import type { JournalRecord } from '../store/journal-format.js';
import { inPeriod, type Period } from './period.js';
import type { ReportContext } from './types.js';

export type SaleOrRefund = CompletedSale | CompletedRefund;

export function eachSaleOrRefund(ctx: ReportContext, each: (doc: SaleOrRefund, rec: JournalRecord) => void): void {
  eachInPeriod(ctx, ctx.period, (rec) => {
    const doc = rec.doc;
    // scanRange gives a superset: the period is decided by the document's own time.
    if ((doc.kind === 'sale' || doc.kind === 'refund') && inPeriod(ctx.period, doc.completedAt)) each(doc, rec);
  });
}

/** Every record that may be in the period (a superset; callers filter by their document's time). */
export function eachInPeriod(ctx: ReportContext, period: Period, each: (rec: JournalRecord) => void): void {
  ctx.store.journals.scanRange(period.range, (rec) => each(rec));
}

export const numberOf = (doc: SaleOrRefund): string => (doc.kind === 'sale' ? doc.saleNumber : doc.refundNumber);

/** Refunds count against sales: their values are negative in every report. */
export const signOf = (doc: SaleOrRefund): 1 | -1 => (doc.kind === 'sale' ? 1 : -1);
