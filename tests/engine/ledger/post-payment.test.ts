// Payments on account and loyalty rows in the general journal.
import { describe, expect, it } from 'vitest';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { postLoyaltyRow } from '../../../src/engine/ledger/post-loyalty.js';
import { postPayment } from '../../../src/engine/ledger/post-payment.js';
import { ledgerEntriesFor, type LoyaltyAccounts } from '../../../src/engine/loyalty/ledger.js';
import type { LoyaltyRow } from '../../../src/engine/loyalty/types.js';
import type { PaymentOnAccount } from '../../../src/engine/ledger/types.js';
import { A, CTX, expectLedgerError, lines } from './helpers.js';

const PAYMENT: PaymentOnAccount = { id: 'P-000001', debtor: 'D001', at: '2026-04-03T10:00:00Z', tenderCode: 'CARD', amount: 25000 };

describe('postPayment', () => {
  it('Dr the tender account, Cr Debtors Control', () => {
    const entries = postPayment(PAYMENT, CTX);
    expect(lines(entries)).toEqual([[A.card, 25000, 0, 'Card'], [A.debtors, 0, 25000, 'D001']]);
    expect(entries[0]).toMatchObject({ id: 'P-000001:payment:0', source: 'P-000001', kind: 'payment',
      memo: 'Payment on account D001' });
  });

  it.each([0, -100, 10.5])('refuses amount %s', (amount) => {
    expectLedgerError(() => postPayment({ ...PAYMENT, amount }, CTX), LEDGER_ERR.BAD_AMOUNT);
  });

  it.each(['ACC', 'LOY'])('refuses tender %s (it would move nothing or bypass the loyalty rows)', (tenderCode) => {
    expect(expectLedgerError(() => postPayment({ ...PAYMENT, tenderCode }, CTX), LEDGER_ERR.BAD_DOCUMENT)).toContain(tenderCode);
  });

  it('refuses an unknown tender and a bad time', () => {
    expectLedgerError(() => postPayment({ ...PAYMENT, tenderCode: 'EFT' }, CTX), LEDGER_ERR.UNKNOWN_TENDER);
    expectLedgerError(() => postPayment({ ...PAYMENT, at: '2026-04-03 10:00' }, CTX), LEDGER_ERR.BAD_ENTRY);
  });
});

describe('postLoyaltyRow', () => {
  const accounts: LoyaltyAccounts = {
    loyaltiesAccrued: A.loyaltyAccrued, loyaltiesRedeemed: A.loyaltyRedeemed, debtorsControl: A.debtors,
    loyaltyTender: A.loyaltyAccrued,
    payout: { 'cash': A.cash, 'direct-deposit': '3720.000.000.00', 'gift-voucher': '5300.000.000.00' },
  };
  const base = { id: 'L-1', debtor: 'D001', period: '2026-04', at: '2026-04-01T06:00:00Z', source: 'RUN1' };
  const rows: [LoyaltyRow, [string, number, number][]][] = [
    [{ ...base, kind: 'earn', amount: 500 }, []],
    [{ ...base, kind: 'reversal', amount: -500 }, []],
    [{ ...base, kind: 'accrual-posting', amount: 450, accrues: '2026-03' }, [[A.loyaltyRedeemed, 450, 0], [A.loyaltyAccrued, 0, 450]]],
    [{ ...base, kind: 'journal-credit', amount: 450 }, [[A.loyaltyAccrued, 450, 0], [A.debtors, 0, 450]]],
    [{ ...base, kind: 'payout', amount: 200, method: 'cash' }, [[A.loyaltyAccrued, 200, 0], [A.cash, 0, 200]]],
    [{ ...base, kind: 'zeroing', amount: 70 }, [[A.loyaltyAccrued, 70, 0], [A.loyaltyRedeemed, 0, 70]]],
    [{ ...base, kind: 'adjustment', amount: -30, reason: 'error', operator: 'mgr' }, [[A.loyaltyAccrued, 30, 0], [A.loyaltyRedeemed, 0, 30]]],
    // The default chart's loyalty tender is the liability itself: the sale's entry already debited it.
    [{ ...base, kind: 'redemption', amount: 100 }, []],
  ];

  it.each(rows)('%o posts the loyalty module\'s lines in the journal\'s shape', (row, expected) => {
    const entries = postLoyaltyRow(row, accounts);
    expect(lines(entries)).toEqual(expected);
    // same accounts and amounts as the loyalty module's own entries: its behaviour is reused, not redone
    expect(entries.map((e) => e.lines)).toEqual(ledgerEntriesFor(row, accounts).map((e) => e.lines));
    for (const e of entries) {
      expect(e).toMatchObject({ id: `L-1:loyalty-${row.kind}:0`, source: 'L-1', kind: `loyalty-${row.kind}`, at: base.at });
      expect(e.memo).toContain('D001');
    }
  });

  it('a redemption to a separate tender account posts Dr liability, Cr that account', () => {
    const entries = postLoyaltyRow({ ...base, kind: 'redemption', amount: 100 }, { ...accounts, loyaltyTender: '3750.000.000.00' });
    expect(lines(entries)).toEqual([[A.loyaltyAccrued, 100, 0], ['3750.000.000.00', 0, 100]]);
  });
});
