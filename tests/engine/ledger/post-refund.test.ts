// Worked examples of a refund's journal entry: the sale's entry mirrored.
import { describe, expect, it } from 'vitest';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { postRefund } from '../../../src/engine/ledger/post-refund.js';
import { postSale } from '../../../src/engine/ledger/post-sale.js';
import { buildRefund, type RefundRequestItem } from '../../../src/engine/refund.js';
import type { CashRounding, CompletedRefund, CompletedSale, Item, Tender } from '../../../src/engine/types.js';
import { A, ACC, BREAD, CARD, CASH, CTX, EGGS, LOY, MILK, expectLedgerError, lines, netByAccount, ringUp } from './helpers.js';

const ODD: Item = { code: 'ODD', barcode: '', description: 'Odd price', price: 1252, taxRate: 1500 };

function refund(sale: CompletedSale, request: RefundRequestItem[] | 'all', tender: Tender, step: CashRounding = 0,
  priorRefunds: CompletedRefund[] = [], refundNumber = 'R1-000001'): CompletedRefund {
  return buildRefund({ sale, priorRefunds, request, refundNumber, till: 'T1', operator: 'op',
    completedAt: '2026-04-02T09:00:00Z', tender, cashRounding: step });
}

describe('postRefund worked examples', () => {
  it('a partial refund to cash rounded up (19.99 paid as 20.00): Dr sales, VAT and rounding, Cr cash', () => {
    const sale = ringUp([[MILK, 3]], [[CASH, undefined]], 5);
    const r = refund(sale, [{ lineNo: 1, qty: 1 }], CASH, 5);
    expect(r.rounding).toBe(1);
    expect(lines(postRefund(r, CTX))).toEqual([
      [A.sales, 1738, 0, 'Sales excl. VAT'], [A.vat, 261, 0, 'VAT 15%'], [A.cash, 0, 2000, 'Cash'],
      [A.rounding, 1, 0, 'Cash rounding'],
    ]);
  });

  it('a partial refund to cash rounded down (12.52 paid as 12.50): the cents kept are credited to rounding', () => {
    const sale = ringUp([[ODD, 2], [EGGS, 1]], [[CARD, undefined]]);
    const r = refund(sale, [{ lineNo: 1, qty: 1 }], CASH, 5);
    expect(lines(postRefund(r, CTX))).toEqual([
      [A.sales, 1089, 0, 'Sales excl. VAT'], [A.vat, 163, 0, 'VAT 15%'], [A.cash, 0, 1250, 'Cash'],
      [A.rounding, 0, 2, 'Cash rounding'],
    ]);
  });

  it('a refund to card pays the exact total, 15% and 0% lines, no rounding line', () => {
    const sale = ringUp([[MILK, 1], [EGGS, 1]], [[CARD, undefined]], 10);
    const r = refund(sale, 'all', CARD, 10);
    expect(lines(postRefund(r, CTX))).toEqual([
      [A.sales, 4741, 0, 'Sales excl. VAT'], [A.vat, 261, 0, 'VAT 15%'], [A.card, 0, 5002, 'Card'],
    ]);
  });

  it('a refund on account credits Debtors Control; on the loyalty tender, Loyalties Accrued', () => {
    const sale = ringUp([[BREAD, 1]], [[ACC, undefined]]);
    expect(lines(postRefund(refund(sale, 'all', ACC), CTX))).toContainEqual([A.debtors, 0, 1250, 'Account']);
    expect(lines(postRefund(refund(sale, 'all', LOY), CTX))).toContainEqual([A.loyaltyAccrued, 0, 1250, 'Loyalty']);
  });

  it('identifies the entry by refund number and says which sale it returns', () => {
    const sale = ringUp([[MILK, 1]], [[CASH, undefined]]);
    const [e] = postRefund(refund(sale, 'all', CASH, 0, [], 'R9-000007'), CTX);
    expect(e).toMatchObject({ id: 'R9-000007:refund:0', source: 'R9-000007', kind: 'refund',
      at: '2026-04-02T09:00:00Z', memo: 'Refund R9-000007 of sale T1-000001' });
  });

  it('a sale refunded in full to the tender it was paid on nets every account to zero', () => {
    const sale = ringUp([[ODD, 1], [EGGS, 2]], [[CASH, 20000]], 5);
    const entries = [...postSale(sale, CTX), ...postRefund(refund(sale, 'all', CASH, 5), CTX)];
    expect(netByAccount(entries)).toEqual(new Map());
  });

  it('refuses a damaged refund record', () => {
    const r = refund(ringUp([[MILK, 1]], [[CASH, undefined]]), 'all', CASH, 5);
    expectLedgerError(() => postRefund({ ...r, rounding: r.rounding + 1 }, CTX), LEDGER_ERR.BAD_DOCUMENT);
    expectLedgerError(() => postRefund({ ...r, total: r.total + 1 }, CTX), LEDGER_ERR.BAD_DOCUMENT);
  });
});
