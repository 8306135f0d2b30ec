// Ledger entries of loyalty rows: the right accounts on the right sides, always balanced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { isBalanced, ledgerEntriesFor, type LoyaltyAccounts } from '../../../src/engine/loyalty/ledger.js';
import type { LoyaltyRow, LoyaltyRowKind } from '../../../src/engine/loyalty/types.js';
import { expectLoyaltyError } from './helpers.js';

const ACCOUNTS: LoyaltyAccounts = {
  loyaltiesAccrued: '5100', loyaltiesRedeemed: '3600', debtorsControl: '3800', loyaltyTender: '3750',
  payout: { 'cash': '3700', 'direct-deposit': '3720', 'gift-voucher': '5300' },
};
const base = { id: 'R1', debtor: 'D1', period: '2026-04', at: '2026-04-01T06:00:00Z', source: 'RUN1' };

function lines(row: LoyaltyRow, accounts = ACCOUNTS): [string, number, number][] {
  return ledgerEntriesFor(row, accounts).flatMap((e) => e.lines.map((l): [string, number, number] => [l.account, l.debit, l.credit]));
}

describe('ledgerEntriesFor', () => {
  // [row, expected lines as [account, debit, credit]]
  const cases: [string, LoyaltyRow, [string, number, number][]][] = [
    ['earning posts nothing', { ...base, kind: 'earn', amount: 500 }, []],
    ['a reversal posts nothing', { ...base, kind: 'reversal', amount: -500 }, []],
    ['posting: Dr Loyalties Redeemed expense, Cr Loyalties Accrued liability', { ...base, kind: 'accrual-posting', amount: 450, accrues: '2026-03' },
      [['3600', 450, 0], ['5100', 0, 450]]],
    ['a negative posting swaps the sides', { ...base, kind: 'accrual-posting', amount: -300, accrues: '2026-03' },
      [['5100', 300, 0], ['3600', 0, 300]]],
    ['journal credit: Dr liability, Cr debtors control', { ...base, kind: 'journal-credit', amount: 450 }, [['5100', 450, 0], ['3800', 0, 450]]],
    ['payout by direct deposit: Dr liability, Cr its account', { ...base, kind: 'payout', amount: 200, method: 'direct-deposit' },
      [['5100', 200, 0], ['3720', 0, 200]]],
    ['payout as a gift voucher', { ...base, kind: 'payout', amount: 200, method: 'gift-voucher' }, [['5100', 200, 0], ['5300', 0, 200]]],
    ['zeroing: Dr liability, Cr expense', { ...base, kind: 'zeroing', amount: 700 }, [['5100', 700, 0], ['3600', 0, 700]]],
    ['till redemption: Dr liability, Cr the loyalty tender account', { ...base, kind: 'redemption', amount: 100 }, [['5100', 100, 0], ['3750', 0, 100]]],
    ['a redemption given back by a refund swaps the sides', { ...base, kind: 'redemption', amount: -100 }, [['3750', 100, 0], ['5100', 0, 100]]],
    ['an adjustment up: like a posting', { ...base, kind: 'adjustment', amount: 50, reason: 'goodwill', operator: 'mgr' }, [['3600', 50, 0], ['5100', 0, 50]]],
    ['an adjustment down', { ...base, kind: 'adjustment', amount: -50, reason: 'error', operator: 'mgr' }, [['5100', 50, 0], ['3600', 0, 50]]],
  ];
  it.each(cases)('%s', (_, row, expected) => {
    expect(lines(row)).toEqual(expected);
    expect(isBalanced(ledgerEntriesFor(row, ACCOUNTS))).toBe(true);
  });

  it('ties each entry to its row and says what it is', () => {
    const [e] = ledgerEntriesFor({ ...base, kind: 'accrual-posting', amount: 450, accrues: '2026-03' }, ACCOUNTS);
    expect(e).toMatchObject({ rowId: 'R1', at: base.at, memo: 'Loyalties accrued for 2026-03: D1 (RUN1)' });
  });

  it('books nothing when the loyalty tender uses the liability itself (the default chart)', () => {
    expect(lines({ ...base, kind: 'redemption', amount: 100 }, { ...ACCOUNTS, loyaltyTender: '5100' })).toEqual([]);
  });

  it('refuses a payout whose method has no account, and bad rows', () => {
    const accounts = { ...ACCOUNTS, payout: { ...ACCOUNTS.payout, cash: '' } };
    expect(expectLoyaltyError(() => ledgerEntriesFor({ ...base, kind: 'payout', amount: 1, method: 'cash' }, accounts), LOYALTY_ERR.BAD_SETTINGS))
      .toContain('cash');
    expectLoyaltyError(() => ledgerEntriesFor({ ...base, kind: 'zeroing', amount: -1 }, ACCOUNTS), LOYALTY_ERR.BAD_ROW);
  });

  it('isBalanced spots an entry that does not balance', () => {
    expect(isBalanced([{ rowId: 'x', at: base.at, memo: '', lines: [{ account: 'a', debit: 5, credit: 0 }, { account: 'b', debit: 0, credit: 4 }] }]))
      .toBe(false);
    expect(isBalanced([{ rowId: 'x', at: base.at, memo: '', lines: [{ account: 'a', debit: 5, credit: 5 }] }])).toBe(false);
  });
});

describe('property', () => {
  const kinds: LoyaltyRowKind[] = ['earn', 'reversal', 'accrual-posting', 'journal-credit', 'redemption', 'payout', 'adjustment', 'zeroing'];
  it('every row of every kind and amount posts balanced entries, and the liability moves by the row', () => {
    fc.assert(fc.property(fc.constantFrom(...kinds), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (kind, n, neg) => {
      const signed = neg ? -n : n;
      const row: LoyaltyRow =
        kind === 'earn' ? { ...base, kind, amount: n }
          : kind === 'reversal' ? { ...base, kind, amount: -n }
            : kind === 'accrual-posting' ? { ...base, kind, amount: signed, accrues: '2026-03' }
              : kind === 'redemption' ? { ...base, kind, amount: signed }
                : kind === 'adjustment' ? { ...base, kind, amount: signed, reason: 'r', operator: 'o' }
                  : kind === 'payout' ? { ...base, kind, amount: n, method: 'cash' }
                    : { ...base, kind, amount: n };
      const entries = ledgerEntriesFor(row, ACCOUNTS);
      expect(isBalanced(entries)).toBe(true);
      const liability = entries.flatMap((e) => e.lines).filter((l) => l.account === '5100').reduce((s, l) => s + l.credit - l.debit, 0);
      // credit on the liability = what Available gains; earning and reversing are off the books
      const expected = { 'earn': 0, 'reversal': 0, 'accrual-posting': row.amount, 'adjustment': row.amount, 'journal-credit': -row.amount,
        'redemption': -row.amount, 'payout': -row.amount, 'zeroing': -row.amount }[kind];
      expect(liability).toBe(expected);
    }));
  });
});
