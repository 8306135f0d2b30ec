// The books' ledger totals take a record's entries all or none, refusing what would unbalance
// the trial balance.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/engine/ledger/index.js';
import { LedgerTotals } from '../../src/store/ledger-totals.js';

const entry = (id: string, lines: LedgerEntry['lines']): LedgerEntry => ({ id, at: '2026-05-04T08:00:00Z', source: id, kind: 'sale', lines });
const sale = entry('T1-000001:sale:0', [
  { account: '3700', debit: 1150, credit: 0 }, { account: '1000', debit: 0, credit: 1000 }, { account: '5000', debit: 0, credit: 150 },
]);

describe('ledger totals', () => {
  it('adds balanced entries per account', () => {
    const t = new LedgerTotals();
    expect(t.addRecord([sale])).toBeNull();
    expect(t.addRecord([sale])).toBeNull();
    const tb = t.trialBalance([{ code: '3700', name: 'Cash', type: 'asset' }]);
    expect(tb.balanced).toBe(true);
    expect(tb.rows.find((r) => r.account === '3700')).toMatchObject({ debit: 2300, credit: 0, balance: 2300 });
    expect(tb.rows.find((r) => r.account === '5000')).toMatchObject({ credit: 300, balance: -300 });
    expect(t.entries).toBe(2);
  });

  it('takes nothing of a record with one bad entry, and says which', () => {
    const t = new LedgerTotals();
    const cases: [LedgerEntry, RegExp][] = [
      [entry('bad:0', [{ account: '3700', debit: 100, credit: 0 }, { account: '1000', debit: 0, credit: 99 }]), /does not balance \(100 \/ 99\)/],
      [entry('bad:1', [{ account: '3700', debit: 100, credit: 100 }]), /not one side in whole cents/],
      [entry('bad:2', [{ account: '3700', debit: 0.5, credit: 0 }, { account: '1000', debit: 0, credit: 0.5 }]), /not one side in whole cents/],
      [entry('bad:3', [{ account: '', debit: 100, credit: 0 }, { account: '1000', debit: 0, credit: 100 }]), /not one side/],
      [entry('bad:4', []), /has no lines/],
    ];
    for (const [bad, why] of cases) expect(t.addRecord([sale, bad])).toMatch(why);
    expect(t.entries).toBe(0);
    expect(t.toJson().accounts).toEqual({});
  });

  it('round-trips through its snapshot form', () => {
    const t = new LedgerTotals();
    t.addRecord([sale]);
    const u = new LedgerTotals();
    u.load(JSON.parse(JSON.stringify(t.toJson())));
    expect(u.balances()).toEqual(t.balances());
  });
});
