// Journal look-ups of a till session: a sale for a refund with what every till has returned of
// it, and whether an open sale left by a crash had already been recorded.
import { EngineError, ERR } from '../engine/errors.js';
import { refundedQty, refundValue } from '../engine/refund.js';
import type { CompletedRefund, CompletedSale, Tender } from '../engine/types.js';
import { documentNumber } from './journal-format.js';
import type { JournalReader } from './journal-reader.js';
import type { RefundableLine } from './till-types.js';

/** Sale numbers carry upper-case till ids, so a number typed in any case finds its sale. */
export function saleForRefund(journals: JournalReader, saleNumber: string): { sale: CompletedSale; prior: CompletedRefund[] } {
  const number = saleNumber.trim().toUpperCase();
  const doc = journals.findDocument(number);
  if (!doc) throw new EngineError(ERR.UNKNOWN_SALE, `No sale numbered ${number}`);
  if (doc.kind !== 'sale') throw new EngineError(ERR.UNKNOWN_SALE, `${number} is ${doc.kind === 'refund' ? 'a refund' : 'not a sale (a voided sale or a back-office document)'}, not a sale that can be refunded`);
  return { sale: doc, prior: journals.refundsOf(number) };
}

export function refundableLines(sale: CompletedSale, prior: CompletedRefund[]): RefundableLine[] {
  const done = refundedQty(sale, prior);
  return sale.lines.map((l) => {
    const refunded = done.get(l.lineNo) ?? 0;
    return { lineNo: l.lineNo, itemCode: l.itemCode, description: l.description, sold: l.qty, refunded, refundable: l.qty - refunded, unitValue: refundValue(l, 0, 1) };
  });
}

/** The till's last record, when it is the sale of open sale `saleId` (committed just before a crash). */
export function recordedOpenSale(journals: JournalReader, till: string, lastSeq: number, saleId: string): CompletedSale | undefined {
  if (lastSeq < 1) return undefined;
  const last = journals.findDocument(documentNumber(till, lastSeq));
  return last?.kind === 'sale' && last.saleId === saleId ? last : undefined;
}

/** Paying a refund back on account or loyalty credits needs the debtor's side of refunds: not yet. */
export function unbackedRefundTender(tender: Tender): EngineError {
  const who = tender.kind === 'account' ? 'a debtor account' : 'a loyalty member';
  return new EngineError(ERR.UNKNOWN_TENDER, `${tender.name} (${tender.code}) pays back ${who}, which refunds cannot do yet: use another tender`);
}
