// A refund as a till session records it: the engine's refund of the sale's lines, with the
// built-in loyalty's reversal row and whatever the external provider's hooks add (its call).
import { buildRefund } from '../engine/refund.js';
import type { CashRounding, CompletedRefund, Tender } from '../engine/types.js';
import type { JournalReader } from './journal-reader.js';
import type { TillLoyalty } from './till-loyalty.js';
import { saleForRefund, unbackedRefundTender } from './till-lookups.js';
import type { RefundRequestLine, TillHooks } from './till-types.js';

export interface RefundContext {
  journals: JournalReader;
  loyalty: TillLoyalty;
  hooks: TillHooks;
  tender: Tender;
  /** The document number the refund gets. */
  number: string;
  till: string;
  operator: string;
  at: string;
  cashRounding: CashRounding;
}

export function tillRefund(c: RefundContext, saleNumber: string, lines: RefundRequestLine[] | 'all'): { doc: CompletedRefund; rows: unknown[] } {
  if (c.tender.kind === 'account' || c.tender.kind === 'loyalty') throw unbackedRefundTender(c.tender);
  c.loyalty.catchUp();
  const { sale, prior } = saleForRefund(c.journals, saleNumber);
  const refund = buildRefund({ sale, priorRefunds: prior, request: lines, refundNumber: c.number, till: c.till,
    operator: c.operator, completedAt: c.at, tender: c.tender, cashRounding: c.cashRounding });
  const own = c.loyalty.forRefund(refund, sale, prior);
  const ext = c.hooks.forRefund?.(own.doc, sale);
  return ext ? { doc: ext.doc, rows: [...own.rows, ...ext.rows] } : own;
}
