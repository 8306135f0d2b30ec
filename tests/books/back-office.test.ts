// The back office over a real store: payments on account, payouts, adjustments behind the
// manager PIN, accrual with its journal credits, and the ledger they all post.
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../src/store/manager-pin.js';
import { books, debtor } from './setup.js';

describe('back office', () => {
  it('takes a payment on account: the balance drops and the ledger moves cash against debtors control', async () => {
    const b = await books([debtor('D1', 'no')]);
    b.sell('D1', 300, 'ACC'); // R300.00 on account
    expect(b.bo.account('D1')).toMatchObject({ balance: 30000, creditLimit: 1000000, headroom: 970000 });
    const doc = b.bo.receivePayment({ debtor: 'd1', amount: 12550, tenderCode: 'cash', operator: 'system' });
    expect(doc).toMatchObject({ kind: 'payment', number: 'BACKOFFICE-000001', debtor: 'D1', amount: 12550, tenderCode: 'CASH' });
    expect(b.bo.account('D1').balance).toBe(30000 - 12550);
    const tb = b.bo.trialBalance();
    expect(tb.balanced).toBe(true);
    const row = (code: string) => tb.rows.find((r) => r.account === code)!;
    expect(row('3700.000.000.00').balance).toBe(12550); // cash on hand
    expect(row('3800.000.000.00').balance).toBe(30000 - 12550); // debtors control
    expect(b.bo.journal({ kind: 'payment' }, 0, 10).entries[0]!.lines).toEqual([
      { account: '3700.000.000.00', debit: 12550, credit: 0, memo: 'Cash' },
      { account: '3800.000.000.00', debit: 0, credit: 12550, memo: 'D1' },
    ]);
  });

  it('refuses payments on the account or loyalty tender, and amounts of 0, writing nothing', async () => {
    const b = await books([debtor('D1', 'no')]);
    expect(() => b.bo.receivePayment({ debtor: 'D1', amount: 100, tenderCode: 'ACC', operator: 's' })).toThrow(/cash, card or other/);
    expect(() => b.bo.receivePayment({ debtor: 'D1', amount: 0, tenderCode: 'CASH', operator: 's' })).toThrow(/more than 0/);
    expect(() => b.bo.receivePayment({ debtor: 'NOPE', amount: 100, tenderCode: 'CASH', operator: 's' })).toThrow(/No debtor/);
    expect(b.store.journals.counts().find((c) => c.till === 'BACKOFFICE')).toBeUndefined();
  });

  it('accrues an ended month, credits journal debtors, and a second run posts nothing', async () => {
    const b = await books([debtor('J1', 'monthly-journal'), debtor('P1', 'monthly-payment')]);
    b.sell('J1', 300); // 300.00 at 2.5 % (first tier) = 7.50
    b.sell('P1', 600); // 600.00 before 0 -> 2.5 % = 15.00
    b.setNow('2026-06-01T08:00:00Z');
    expect(b.bo.enquiry('P1').balances).toMatchObject({ monthToDate: 0, pendingAccrual: 1500, accrued: 0, available: 0 });
    const seen: number[] = [];
    const r = await b.bo.accrue({ kinds: ['monthly-journal', 'monthly-payment'], zeroUnused: false, operator: 'system' }, (p) => seen.push(p.done));
    expect(r).toMatchObject({ considered: 2, debtors: 2, posted: 2250, journalCredited: 750, zeroed: 0 });
    expect(seen.at(-1)).toBe(2);
    expect(b.bo.enquiry('P1').balances).toMatchObject({ pendingAccrual: 0, accrued: 1500, available: 1500 });
    // The journal debtor's credit went to its account (it owes less) and counts as redeemed.
    expect(b.bo.enquiry('J1').balances).toMatchObject({ accrued: 750, redeemed: 750, available: 0 });
    expect(b.bo.account('J1').balance).toBe(-750);
    const again = await b.bo.accrue({ kinds: ['monthly-journal', 'monthly-payment'], zeroUnused: false, operator: 'system' });
    expect(again).toMatchObject({ debtors: 0, posted: 0, documents: [] });
    const tb = b.bo.trialBalance();
    expect(tb.balanced).toBe(true);
    // Accrued liability: 22.50 posted - 7.50 journal credit; the expense is the whole 22.50.
    expect(tb.rows.find((x) => x.account === '5100.000.000.00')!.balance).toBe(-1500);
    expect(tb.rows.find((x) => x.account === '3600.000.000.00')!.balance).toBe(2250);
    expect(b.bo.enquiry('P1').rows.map((v) => [v.row.kind, v.document])).toEqual([
      ['earn', 'T1-000002'], ['accrual-posting', 'BACKOFFICE-000001'],
    ]);
  });

  it('pays out Available, refusing more than Available', async () => {
    const b = await books([debtor('P1', 'monthly-payment')]);
    b.sell('P1', 600);
    b.setNow('2026-06-01T08:00:00Z');
    await b.bo.accrue({ kinds: ['monthly-payment'], zeroUnused: false, operator: 'system' });
    expect(() => b.bo.payout({ debtor: 'P1', amount: 1501, method: 'cash', operator: 'm' })).toThrow(/more than the R15.00 Available/);
    const doc = b.bo.payout({ debtor: 'P1', amount: 1000, method: 'gift-voucher', operator: 'm', reference: 'GV-7' });
    expect(doc).toMatchObject({ kind: 'loyalty', action: 'payout', method: 'gift-voucher' });
    expect(b.bo.enquiry('P1').balances).toMatchObject({ redeemed: 1000, available: 500 });
    const tb = b.bo.trialBalance();
    expect(tb.rows.find((x) => x.account === '5300.000.000.00')!.balance).toBe(-1000); // gift vouchers issued
  });

  it('adjusts a range; above the threshold only with the right manager PIN', async () => {
    const b = await books([debtor('A1', 'monthly-payment'), debtor('A2', 'monthly-payment'), debtor('B1', 'monthly-payment')]);
    await b.store.edit('settings', (d) => {
      d.loyalty = { ...(d.loyalty ?? { tender: 'LOY', payoutAccounts: { 'cash': '3700.000.000.00', 'direct-deposit': '3720.000.000.00', 'gift-voucher': '5300.000.000.00' }, accrualSchedule: '5 0 * * *' }),
        adjustThreshold: 10000, managerPinHash: hashPin('4321') } as never;
    });
    const preview = b.bo.previewAdjustment({ from: 'a1', to: 'A2', change: { kind: 'amount', amount: 20000 }, reason: 'goodwill' });
    expect(preview.lines.map((l) => l.debtor)).toEqual(['A1', 'A2']);
    expect(preview.needsPin).toBe(true);
    const req = { from: 'A1', to: 'A2', change: { kind: 'amount' as const, amount: 20000 }, reason: 'goodwill', operator: 'mgr' };
    expect(() => b.bo.adjust(req)).toThrow(/needs the manager PIN/);
    expect(() => b.bo.adjust({ ...req, pin: '1111' })).toThrow(/Wrong manager PIN/);
    expect(b.bo.enquiry('A1').balances.available).toBe(0);
    const done = b.bo.adjust({ ...req, pin: '4321' });
    expect(done.document).toBe('BACKOFFICE-000001');
    expect(b.bo.enquiry('A1').balances).toMatchObject({ accrued: 20000, available: 20000 });
    expect(b.bo.enquiry('B1').balances.available).toBe(0);
    // Reset brings Available back to exactly 0 (under the threshold: no PIN needed for 0-size lines).
    const reset = b.bo.adjust({ from: 'A1', to: 'A1', change: { kind: 'reset' }, reason: 'closed', operator: 'mgr', pin: '4321' });
    expect(reset.lines[0]!.amount).toBe(-20000);
    expect(b.bo.enquiry('A1').balances.available).toBe(0);
    expect(() => b.bo.adjust({ ...req, reason: ' ' })).toThrow(/Reason/);
  });
});

describe('the books snapshot', () => {
  it('is left behind by a till that built the books and read many records since the last one', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { BOOK_FILE, SAVE_AFTER } = await import('../../src/store/books-snapshot.js');
    const { LoyaltyBook } = await import('../../src/store/loyalty-book.js');
    const b = await books([debtor('P1', 'monthly-payment')]);
    b.sell('P1', 1); // the first attach builds the books (nothing to read yet: no snapshot)
    expect(fs.existsSync(path.join(b.dir, BOOK_FILE))).toBe(false);
    const book = LoyaltyBook.existing(b.store)!;
    book.fedSinceSnapshot = SAVE_AFTER; // as after a long day of sales, without ringing 5,000 up
    b.till.close();
    expect(fs.readFileSync(path.join(b.dir, BOOK_FILE), 'utf8').split('\n')[0]).toContain('"covered":{"T1"');
    expect(book.fedSinceSnapshot).toBe(0);
  });
});
