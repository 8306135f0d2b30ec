// Refunds before and after Accrue Loyalties, at store level through TillService (SPEC section 3
// and section 4 rules 6 and 9): a refund reverses in its own period; before the accrual it lowers
// Month to Date (then Pending), after it Month to Date goes negative and the next run lowers
// Accrued. Every figure is worked out by hand below: item P1 sells at R1.00 a unit, and every
// debtor is on the first tier, 2.5 % (250 bp).
import { describe, expect, it } from 'vitest';
import { books, debtor, type Books } from './setup.js';

const ALL = ['monthly-journal', 'monthly-payment'] as const;
const accrue = (b: Books, zeroUnused = false) => b.bo.accrue({ kinds: [...ALL], zeroUnused, operator: 'system' });
const tb = (b: Books) => {
  const t = b.bo.trialBalance();
  expect(t.balanced).toBe(true);
  const bal = (code: string) => t.rows.find((r) => r.account === code)!.balance;
  return { expense: bal('3600.000.000.00'), liability: bal('5100.000.000.00'), debtors: bal('3800.000.000.00'), cash: bal('3700.000.000.00') };
};

describe('refunds and accrual', () => {
  it('a refund in the month of the sale lowers Month to Date, so Pending and the posting are net; a later full return takes back exactly what was earned', async () => {
    const b = await books([debtor('P1', 'monthly-payment')]);
    const sale = b.sell('P1', 247); // R247.00 x 2.5 % = 6.175 -> 6.18
    expect(sale.loyalty?.earned).toBe(618);
    b.setNow('2026-05-10T08:00:00Z');
    // 99 units: 99.00 x 2.5 % = 2.475 -> 2.48 taken back.
    const r1 = b.till.refund(sale.saleNumber, [{ lineNo: 1, qty: 99 }], 'CASH');
    expect(r1.loyalty).toEqual({ reversed: 248 });
    const may = b.bo.enquiry('P1');
    expect(may.balances).toMatchObject({ monthToDate: 618 - 248, pendingAccrual: 0, accrued: 0, available: 0 });
    expect(may.periodSales).toBe(24700 - 9900);

    b.setNow('2026-06-01T08:00:00Z');
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: 0, pendingAccrual: 370 });
    expect(await accrue(b)).toMatchObject({ posted: 370, journalCredited: 0 });
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: 0, pendingAccrual: 0, accrued: 370, available: 370 });
    expect(tb(b)).toMatchObject({ expense: 370, liability: -370 });

    // The other 148 units in June: round(247 x 2.5) - 2.48 = 6.18 - 2.48 = 3.70, so 6.18 in all.
    b.setNow('2026-06-15T08:00:00Z');
    const r2 = b.till.refund(sale.saleNumber, 'all', 'CASH');
    expect(r2.loyalty).toEqual({ reversed: 370 });
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: -370, accrued: 370, available: 370 });
    b.setNow('2026-07-01T08:00:00Z');
    expect(await accrue(b)).toMatchObject({ posted: -370 });
    const end = b.bo.enquiry('P1').balances;
    expect(end).toMatchObject({ monthToDate: 0, pendingAccrual: 0, accrued: 0, available: 0 });
    expect(end.lifetime).toMatchObject({ earned: 618, reversed: 618, posted: 0 });
    expect(tb(b)).toMatchObject({ expense: 0, liability: 0, cash: -24700 });
  });

  it('a refund after the accrual makes Month to Date negative and the next run lowers Accrued', async () => {
    const b = await books([debtor('P1', 'monthly-payment'), debtor('J1', 'monthly-journal'), debtor('P2', 'monthly-payment')]);
    const p1 = b.sell('P1', 801); // 801.00 x 2.5 % = 20.025 -> 20.03
    const j1 = b.sell('J1', 400); // 10.00
    const p2 = b.sell('P2', 400); // 10.00
    expect([p1.loyalty?.earned, j1.loyalty?.earned, p2.loyalty?.earned]).toEqual([2003, 1000, 1000]);
    b.setNow('2026-06-01T08:00:00Z');
    expect(await accrue(b)).toMatchObject({ posted: 2003 + 1000 + 1000, journalCredited: 1000 });
    expect(b.bo.account('J1').balance).toBe(-1000);
    b.bo.payout({ debtor: 'P2', amount: 1000, method: 'cash', operator: 'm' });
    expect(tb(b)).toMatchObject({ expense: 4003, liability: -2003, debtors: -1000 });

    b.setNow('2026-06-10T08:00:00Z');
    // 333 units: 333.00 x 2.5 % = 8.325 -> 8.33; J1 and P2 return everything.
    expect(b.till.refund(p1.saleNumber, [{ lineNo: 1, qty: 333 }], 'CASH').loyalty).toEqual({ reversed: 833 });
    expect(b.till.refund(j1.saleNumber, 'all', 'CASH').loyalty).toEqual({ reversed: 1000 });
    expect(b.till.refund(p2.saleNumber, 'all', 'CASH').loyalty).toEqual({ reversed: 1000 });
    const june = b.bo.enquiry('P1');
    expect(june.balances).toMatchObject({ monthToDate: -833, pendingAccrual: 0, accrued: 2003, available: 2003 });
    expect(june.periodSales).toBe(-33300);
    expect(b.bo.enquiry('J1').balances).toMatchObject({ monthToDate: -1000, accrued: 1000, redeemed: 1000, available: 0 });
    expect(b.bo.enquiry('P2').balances).toMatchObject({ monthToDate: -1000, accrued: 1000, redeemed: 1000, available: 0 });
    // Reversals post nothing until they are accrued.
    expect(tb(b)).toMatchObject({ expense: 4003, liability: -2003 });

    b.setNow('2026-07-01T08:00:00Z');
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: 0, pendingAccrual: -833 });
    const july = await accrue(b);
    expect(july).toMatchObject({ posted: -833 - 1000 - 1000, journalCredited: 0, debtors: 3 });
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: 0, pendingAccrual: 0, accrued: 1170, available: 1170 });
    // Credit already given (journal) or paid out is owed back: Available goes negative, no journal credit.
    expect(b.bo.enquiry('J1').balances).toMatchObject({ accrued: -1000, redeemed: 0, available: -1000 });
    expect(b.bo.enquiry('P2').balances).toMatchObject({ accrued: -1000, available: -1000 });
    expect(b.bo.account('J1').balance).toBe(-1000);
    // Liability: 11.70 posted in all (credit) against the 10.00 journal credit and the 10.00 payout (debits).
    expect(tb(b)).toMatchObject({ expense: 1170, liability: 2000 - 1170, debtors: -1000 });

    // A negative Available blocks the loyalty tender even once the target is reached.
    b.setNow('2026-07-05T08:00:00Z');
    b.till.attachDebtor('P2');
    b.till.scan('P1', 300);
    expect(() => b.till.addTender('LOY', 100)).toThrow(/Loyalty refused/);
    b.till.addTender('CARD'); // 300.00 x 2.5 % = 7.50

    // J1 earns again in July: the August run posts 15.00, which first pays back the 10.00 owed.
    b.setNow('2026-07-20T08:00:00Z');
    expect(b.sell('J1', 600).loyalty?.earned).toBe(1500);
    b.setNow('2026-08-01T08:00:00Z');
    expect(await accrue(b)).toMatchObject({ posted: 1500 + 750, journalCredited: 500 });
    const j = b.bo.enquiry('J1').balances;
    expect(j).toMatchObject({ accrued: 500, redeemed: 500, available: 0 });
    expect(j.lifetime).toMatchObject({ earned: 2500, reversed: 1000, posted: 1500, journalCredited: 1500 });
    expect(b.bo.account('J1').balance).toBe(-1500);
    expect(b.bo.enquiry('P2').balances).toMatchObject({ accrued: -250, available: -250 });
    // Expense: every posting, 20.03 - 8.33 + 15.00 + 7.50 + (10.00 - 10.00) x 2 = 34.20.
    expect(tb(b)).toMatchObject({ expense: 3420, debtors: -1500 });
    expect(tb(b).liability).toBe(-(3420 - 1500 - 1000)); // postings less journal credits and the payout
  });
});
