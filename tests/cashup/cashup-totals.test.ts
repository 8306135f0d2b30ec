// The pure totals (src/engine/cashup): cases the day test does not reach, from hand-made records.
import { describe, expect, it } from 'vitest';
import { cashupTotals, overShortEntries, overShortOf, renderCashupSlip, type CashupRecord } from '../../src/engine/cashup/index.js';
import type { CompletedRefund, CompletedSale, TenderTaken } from '../../src/engine/types.js';
import { defaultDocuments } from '../../src/store/defaults.js';

const cash = (amount: number): TenderTaken => ({ tenderCode: 'CASH', kind: 'cash', name: 'Cash', amount });
const tender = (tenderCode: string, kind: TenderTaken['kind'], amount: number, authorisation?: string): TenderTaken => ({ tenderCode, kind, name: tenderCode, amount, ...(authorisation ? { authorisation } : {}) });

function sale(seq: number, total: number, tenders: TenderTaken[], extra: Partial<CompletedSale> = {}): CashupRecord {
  const doc: CompletedSale = { kind: 'sale', saleNumber: `T1-${String(seq).padStart(6, '0')}`, till: 'T1', operator: 'x', startedAt: '2026-12-01T08:00:00Z', completedAt: '2026-12-01T08:00:00Z',
    lines: [], voidedLines: 0, total, tax: [{ rate: 1500, gross: total, tax: Math.round((total * 15) / 115) }], taxTotal: Math.round((total * 15) / 115), tenders, rounding: 0, change: 0, ...extra };
  return { seq, doc: doc as unknown as CashupRecord['doc'], rows: [] };
}

function refund(seq: number, total: number, tenders: TenderTaken[]): CashupRecord {
  const doc: CompletedRefund = { kind: 'refund', refundNumber: `T1-${String(seq).padStart(6, '0')}`, saleNumber: 'T1-000001', till: 'T1', operator: 'x', completedAt: '2026-12-01T09:00:00Z',
    lines: [], total, tax: [{ rate: 1500, gross: total, tax: 13 }], taxTotal: 13, tenders, rounding: 0 };
  return { seq, doc: doc as unknown as CashupRecord['doc'], rows: [] };
}

const voidRec = (seq: number, reason: string): CashupRecord => ({ seq, doc: { kind: 'void', reason }, rows: [] });
const float = (seq: number, amount: number): CashupRecord => ({ seq, doc: { kind: 'cashup', type: 'float', amount }, rows: [] });

describe('cash-up totals', () => {
  it('takes change off the last cash tender, counts cash rounding, and lets the last float stand', () => {
    const t = cashupTotals([
      float(1, 10000),
      sale(2, 1495, [cash(1000), tender('CARD', 'card', 300), cash(500)], { change: 300, rounding: -5, voidedLines: 2 }),
      float(3, 20000),
      refund(4, 100, [cash(100)]),
    ]);
    expect(t.fromSeq).toBe(1);
    expect(t.toSeq).toBe(4);
    // 1000 + 500 - 300 change = 1200 cash in; the card 300; 1495 - 5 rounding = 1490 paid.
    expect(t.tenders).toEqual([
      { tenderCode: 'CARD', name: 'CARD', kind: 'card', sales: 300, refunds: 0, net: 300 },
      { tenderCode: 'CASH', name: 'Cash', kind: 'cash', sales: 1200, refunds: 100, net: 1100 },
    ]);
    expect(t.rounding).toBe(-5);
    expect(t.voids.lines).toBe(2);
    expect(t.float).toBe(20000);
    expect(t.cash).toEqual({ in: 1200, out: 100, expected: 21100 });
    expect(t.tax).toEqual([{ rate: 1500, gross: 1395, tax: 195 - 13 }]);
    expect(overShortOf(t, 21000)).toBe(-100);
  });

  it('counts abandoned sales from void records unless the store knows better, and Loyalty Plus calls and authorised tenders', () => {
    const lp = sale(3, 1000, [tender('LP', 'loyalty', 400, 'AUTH1'), cash(600)]);
    lp.rows = [{ kind: 'lp-outbox', op: 'earn', id: 'T1-000003:earn' }, { kind: 'lp-outbox', op: 'reverse', id: 'x' }];
    const recs = [voidRec(1, 'abandoned'), voidRec(2, 'tender-removed'), lp, voidRec(4, 'voided')];
    const t = cashupTotals(recs);
    expect(t.voids.abandoned).toBe(2);
    expect(t.loyalty).toEqual({ earned: 0, redeemed: 0, plusEarnCalls: 1, plusRedeemed: 400 });
    expect(cashupTotals(recs, { abandonedSales: 5 }).voids.abandoned).toBe(5);
    expect(cashupTotals([])).toMatchObject({ fromSeq: 0, toSeq: 0, tenders: [], tax: [], cash: { expected: 0 } });
  });

  it('posts over and short both ways, and nothing when the drawer is right', () => {
    const base = { number: 'T1-000009', z: 4, completedAt: '2026-12-01T18:00:00+02:00' };
    const over = overShortEntries({ ...base, overShort: { amount: 250, cashAccount: 'C', overShortAccount: 'O' } });
    expect(over[0]).toMatchObject({ id: 'T1-000009:cash-over-short:0', kind: 'cash-over-short', memo: 'Z 4 cash over' });
    expect(over[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['C', 250, 0], ['O', 0, 250]]);
    const short = overShortEntries({ ...base, overShort: { amount: -7, cashAccount: 'C', overShortAccount: 'O' } });
    expect(short[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['C', 0, 7], ['O', 7, 0]]);
    expect(overShortEntries({ ...base, overShort: { amount: 0, cashAccount: 'C', overShortAccount: 'O' } })).toEqual([]);
  });

  it('prints at 40 and 80 columns without a line too wide', () => {
    const company = defaultDocuments('Africa/Johannesburg').settings.company;
    const totals = cashupTotals([float(1, 5000), sale(2, 123456, [cash(200000)], { change: 76544 })]);
    for (const width of [40, 80] as const) {
      const text = renderCashupSlip({ title: 'Z REPORT 12 (2026-12-01) T1-000123', till: 'T1', operator: 'a-very-long-operator-name-indeed', at: '2026-12-01T18:00:00Z', totals, counted: 128456, overShort: 0 }, company, width);
      expect(text.split('\n').every((l) => l.length <= width)).toBe(true);
      expect(text).toMatch(/Expected\s+R1 ?284\.56/);
      expect(text).toMatch(/Over\/short\s+R0\.00/);
    }
  });
});
