// Worked examples of a sale's journal entry on the demo store's chart.
import { describe, expect, it } from 'vitest';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { postSale } from '../../../src/engine/ledger/post-sale.js';
import type { CompletedSale, Item } from '../../../src/engine/types.js';
import { A, ACC, BREAD, CARD, CASH, CTX, EGGS, LOY, MILK, expectLedgerError, lines, ringUp, sums } from './helpers.js';

const ODD: Item = { code: 'ODD', barcode: '', description: 'Odd price', price: 1252, taxRate: 1500 };

describe('postSale worked examples', () => {
  // [name, sale, expected lines as [account, debit, credit, memo]]
  const cases: [string, () => CompletedSale, [string, number, number, string?][]][] = [
    ['cash with change, a 15% and a 0% line: cash net of change, VAT only for 15%',
      () => ringUp([[MILK, 1], [EGGS, 1]], [[CASH, 10000]]),
      [[A.cash, 5002, 0, 'Cash net of change'], [A.sales, 0, 4741, 'Sales excl. VAT'], [A.vat, 0, 261, 'VAT 15%']]],
    ['split card + cash with change: each tender its own account',
      () => ringUp([[BREAD, 2]], [[CARD, 1000], [CASH, 2000]]),
      [[A.card, 1000, 0, 'Card'], [A.cash, 1500, 0, 'Cash net of change'], [A.sales, 0, 2174, 'Sales excl. VAT'],
        [A.vat, 0, 326, 'VAT 15%']]],
    ['5c rounding up (19.99 -> 20.00): the extra cent is credited to rounding',
      () => ringUp([[MILK, 1]], [[CASH, 2000]], 5),
      [[A.cash, 2000, 0, 'Cash'], [A.sales, 0, 1738, 'Sales excl. VAT'], [A.vat, 0, 261, 'VAT 15%'],
        [A.rounding, 0, 1, 'Cash rounding']]],
    ['5c rounding down (12.52 -> 12.50): the cents given away are debited to rounding',
      () => ringUp([[ODD, 1]], [[CASH, undefined]], 5),
      [[A.cash, 1250, 0, 'Cash'], [A.sales, 0, 1089, 'Sales excl. VAT'], [A.vat, 0, 163, 'VAT 15%'],
        [A.rounding, 2, 0, 'Cash rounding']]],
    ['10c rounding on the cash part of a card + cash sale, with change',
      () => ringUp([[MILK, 1]], [[CARD, 1000], [CASH, 5000]], 10),
      [[A.card, 1000, 0, 'Card'], [A.cash, 1000, 0, 'Cash net of change'], [A.sales, 0, 1738, 'Sales excl. VAT'],
        [A.vat, 0, 261, 'VAT 15%'], [A.rounding, 0, 1, 'Cash rounding']]],
    ['an account sale debits Debtors Control (the ACC tender\'s account)',
      () => ringUp([[BREAD, 1]], [[ACC, undefined]]),
      [[A.debtors, 1250, 0, 'Account'], [A.sales, 0, 1087, 'Sales excl. VAT'], [A.vat, 0, 163, 'VAT 15%']]],
    ['a loyalty tender debits Loyalties Accrued (the liability is used up)',
      () => ringUp([[MILK, 2]], [[LOY, 500], [CASH, undefined]]),
      [[A.loyaltyAccrued, 500, 0, 'Loyalty'], [A.cash, 3498, 0, 'Cash'], [A.sales, 0, 3477, 'Sales excl. VAT'],
        [A.vat, 0, 521, 'VAT 15%']]],
    ['two card swipes are one card line; a discount lowers sales and VAT',
      () => ringUp([[BREAD, 2]], [[CARD, 1000], [CARD, undefined]], 0, 'T1-000002', [[1, 500]]),
      [[A.card, 2000, 0, 'Card'], [A.sales, 0, 1739, 'Sales excl. VAT'], [A.vat, 0, 261, 'VAT 15%']]],
  ];

  it.each(cases)('%s', (_, make, expected) => {
    const sale = make();
    const entries = postSale(sale, CTX);
    expect(entries).toHaveLength(1);
    expect(lines(entries)).toEqual(expected);
    const s = sums(entries[0]!);
    expect(s.debit).toBe(s.credit);
  });

  it('identifies the entry by sale number and kind, dated at completion', () => {
    const [e] = postSale(ringUp([[MILK, 1]], [[CASH, undefined]], 0, 'T2-000042'), CTX);
    expect(e).toMatchObject({ id: 'T2-000042:sale:0', source: 'T2-000042', kind: 'sale',
      at: '2026-04-01T08:00:00Z', memo: 'Sale T2-000042' });
  });

  it('uses the account chosen at Tender Setup, not a fixed one (seed: TENDER TYPE LEDGER CHANGES)', () => {
    const tenders = CTX.tenders.map((t) => (t.code === 'CASH' ? { ...t, ledgerAccount: '3750.000.000.00' } : t));
    const [e] = postSale(ringUp([[MILK, 1]], [[CASH, undefined]]), { ...CTX, tenders });
    expect(e!.lines[0]).toMatchObject({ account: '3750.000.000.00', debit: 1999 });
  });

  it('posts nothing for a sale that moved no money', () => {
    const free: Item = { ...MILK, code: 'FREE', price: 0 };
    expect(postSale(ringUp([[free, 1]], []), CTX)).toEqual([]);
  });

  it('refuses a tender that is not set up, naming it', () => {
    const sale = ringUp([[MILK, 1]], [[CASH, undefined]]);
    const msg = expectLedgerError(() => postSale(sale, { ...CTX, tenders: CTX.tenders.filter((t) => t.code !== 'CASH') }),
      LEDGER_ERR.UNKNOWN_TENDER);
    expect(msg).toContain('CASH');
  });

  it('refuses a ledger choice left empty', () => {
    const sale = ringUp([[MILK, 1]], [[CASH, undefined]]);
    expectLedgerError(() => postSale(sale, { ...CTX, ledger: { ...CTX.ledger, vatOutput: '' } }), LEDGER_ERR.BAD_SETTINGS);
    const tenders = CTX.tenders.map((t) => ({ ...t, ledgerAccount: ' ' }));
    expectLedgerError(() => postSale(sale, { ...CTX, tenders }), LEDGER_ERR.BAD_SETTINGS);
  });

  it('refuses a damaged sale record instead of posting an unbalanced entry', () => {
    const sale = ringUp([[MILK, 1]], [[CASH, 5000]]);
    expectLedgerError(() => postSale({ ...sale, change: sale.change - 1 }, CTX), LEDGER_ERR.BAD_DOCUMENT);
    expectLedgerError(() => postSale({ ...sale, taxTotal: sale.taxTotal + 1 }, CTX), LEDGER_ERR.BAD_DOCUMENT);
    const noCash = { ...sale, tenders: [{ tenderCode: 'CARD', kind: 'card' as const, name: 'Card', amount: 5000 }] };
    expectLedgerError(() => postSale(noCash, CTX), LEDGER_ERR.BAD_DOCUMENT);
  });
});
