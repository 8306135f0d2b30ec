// Built-in loyalty at the till, through TillService (the one path of the till screen and `sell`):
// the seed's worked example sale by sale, contract prices and both contract rules, the tender
// gates, refunds reversing credit, and the rows travelling in the sale's own journal record.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adjustmentRow } from '../../src/engine/loyalty/index.js';
import type { CompletedSale } from '../../src/engine/types.js';
import { openStore, type Debtor, type Store } from '../../src/store/index.js';
import { LoyaltyBook } from '../../src/store/loyalty-book.js';
import { TillService } from '../../src/store/till-service.js';

const opened: { store: Store; tills: TillService[] }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    for (const t of o.tills) t.close();
    o.store.close();
  }
});

const TIERS = [
  { target: 20000, rate: 250 },
  { target: 50000, rate: 300 },
  { target: 100000, rate: 400 },
  { target: 200000, rate: 500 },
];

function debtor(code: string, extra: Partial<Debtor> = {}, loyalty: Partial<Debtor['loyalty']> = {}): Debtor {
  return {
    code, name: `Debtor ${code}`, cellphone: '+27821234567', email: '',
    account: { creditLimit: 0, onHold: false },
    loyalty: { applicable: 'monthly-payment', excludeFromContracts: false, tiers: TIERS, switchedOnAt: '2026-01-01T00:00:00Z', ...loyalty },
    ...extra,
  };
}

async function setup() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loytill-')), 'store');
  const store = await openStore(dir, { log: () => {} });
  await store.edit('settings', (d) => {
    d.company.timeZone = 'Africa/Johannesburg';
  });
  await store.edit('items', (d) => {
    // R1.00 a unit so quantities spell out the worked example's amounts.
    d.items.push({ code: 'P1', barcode: '', description: 'Point', price: 100, taxRate: 1500, loyalty: { loyaltyApplicable: true } });
    d.items.push({ code: 'C1', barcode: '', description: 'Contract rebate ok', price: 800, taxRate: 1500, loyalty: { loyaltyApplicable: true } });
    d.items.push({ code: 'C2', barcode: '', description: 'Contract no rebate', price: 800, taxRate: 1500, loyalty: { loyaltyApplicable: true } });
    d.items.push({ code: 'N1', barcode: '', description: 'No loyalty', price: 1000, taxRate: 1500 });
  });
  await store.edit('debtors', (d) => {
    d.debtors.push(debtor('D1', { name: 'Thandi Mokoena', account: { creditLimit: 10000, onHold: false } }));
    d.debtors.push(debtor('D2', { name: 'Acme Catering', cellphone: '+27830000000' }, { excludeFromContracts: true }));
    d.debtors.push(debtor('D3', { account: { creditLimit: 100000, onHold: true } }));
  });
  await store.edit('contracts', (d) => {
    d.contracts.push({ debtor: 'D1', item: 'C1', price: 500, excludeFromRebates: false });
    d.contracts.push({ debtor: 'D1', item: 'C2', price: 600, excludeFromRebates: true });
    d.contracts.push({ debtor: 'D2', item: 'C1', price: 500, excludeFromRebates: false });
  });
  let t = Date.parse('2026-05-04T08:00:00Z');
  const now = () => new Date((t += 1000));
  const till = TillService.open(store, { till: 'T1', operator: 'system', now });
  opened.push({ store, tills: [till] });
  return { dir, store, till, now };
}

const lastRecord = (dir: string) => {
  const lines = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n');
  return JSON.parse(lines.at(-1)!.slice(9));
};

function sell(till: TillService, debtorCode: string, units: number): CompletedSale {
  till.attachDebtor(debtorCode);
  till.scan('P1', units);
  return till.addTender('CARD')!;
}

describe('built-in loyalty at the till', () => {
  it('earns the seed example sale by sale: the tier is set by the sales BEFORE this one', async () => {
    const { dir, till } = await setup();
    // [units of R1.00, rate bp, credit cents]; "reached" is >=, so 500.00 before sale 3 is tier 2.
    const steps: [number, number, number][] = [
      [150, 250, 375], // before 0
      [350, 250, 875], // before 150.00: below the second target
      [100, 300, 300], // before exactly 500.00
      [501, 300, 1503], // before 600.00
      [900, 400, 3600], // before 1,101.00
      [1, 500, 5], // before 2,001.00
    ];
    for (const [units, rate, credit] of steps) {
      till.attachDebtor('D1');
      till.scan('P1', units);
      // Earned credits wait for Accrue Loyalties before they can be used: Available stays 0.
      expect(till.getState().loyalty).toMatchObject({ debtor: 'D1', rate, earned: credit, available: 0 });
      const sale = till.addTender('CARD')!;
      expect(sale.debtor).toBe('D1');
      expect(sale.loyalty).toMatchObject({ rate, earned: credit });
      const rec = lastRecord(dir);
      expect(rec.doc.saleNumber).toBe(sale.saleNumber);
      expect(rec.rows).toEqual([expect.objectContaining({ kind: 'earn', debtor: 'D1', amount: credit, source: sale.saleNumber, period: '2026-05' })]);
    }
    const book = LoyaltyBook.open(opened[0]!.store);
    expect(book.periodSalesBefore('D1', '2026-05-20T10:00:00Z')).toBe(200200);
    expect(book.balances('D1', '2026-05-20T10:00:00Z')).toMatchObject({ monthToDate: 375 + 875 + 300 + 1503 + 3600 + 5, available: 0 });
    expect(book.rowsOf('D1')).toHaveLength(6);
  });

  it('prices by contract when the debtor is attached, before or after the lines, and applies both contract rules', async () => {
    const { till } = await setup();
    till.scan('C1');
    till.scan('C2');
    expect(till.getState().totals?.total).toBe(1600);
    till.attachDebtor('d1');
    expect(till.getState().sale?.lines.map((l) => l.unitPrice)).toEqual([500, 600]);
    // C1 earns (contract allows rebates), C2 never does: 5.00 x 2.5% = 0.125 -> 0.13.
    expect(till.getState().loyalty).toMatchObject({ rate: 250, earned: 13 });
    till.scan('C1');
    expect(till.getState().sale?.lines.map((l) => l.unitPrice)).toEqual([500, 600, 500]);
    till.attachDebtor(null);
    expect(till.getState().sale?.lines.map((l) => l.unitPrice)).toEqual([800, 800, 800]);
    expect(till.getState().loyalty).toBeNull();
    till.abandon();
    // D2 excludes contracts from loyalty: its contract line earns nothing, the plain line does.
    till.attachDebtor('D2');
    till.scan('C1');
    till.scan('P1', 1000);
    const sale = till.addTender('CASH')!;
    expect(sale.lines.map((l) => l.value)).toEqual([500, 100000]);
    expect(sale.loyalty?.earned).toBe(2500);
  });

  it('finds debtors by code, name or cellphone', async () => {
    const { till } = await setup();
    expect(till.findDebtors('thandi', 5).map((d) => d.code)).toEqual(['D1']);
    expect(till.findDebtors('083 000', 5).map((d) => d.code)).toEqual(['D2']);
    expect(till.findDebtors('D', 2)).toHaveLength(2);
    expect(() => till.attachDebtor('NOPE')).toThrow(/No debtor/);
  });

  it('refuses the loyalty tender below the first target and above Available, and takes it within both', async () => {
    const { dir, store, till, now } = await setup();
    till.attachDebtor('D1');
    till.scan('P1', 100);
    expect(() => till.addTender('LOY', 50)).toThrow(/Loyalty refused: below the first target/);
    till.abandon();
    sell(till, 'D1', 200);
    till.attachDebtor('D1');
    till.scan('P1', 100);
    expect(() => till.addTender('LOY', 50)).toThrow(/Loyalty refused: no credits available/);
    // Credits become available once posted; an adjustment row from another journal stands in for accrual.
    const bo = store.claimTill('BO');
    const at = now().toISOString();
    const ctx = { debtor: 'D1', applicable: 'monthly-payment' as const, calendar: { timeZone: 'Africa/Johannesburg', fyStartMonth: 3 }, at, source: 'ADJ1' };
    const doc: CompletedSale = { kind: 'sale', saleNumber: 'BO-000001', till: 'BO', operator: 'x', startedAt: at, completedAt: at,
      lines: [], voidedLines: 0, total: 0, tax: [], taxTotal: 0, tenders: [], rounding: 0, change: 0 };
    bo.append({ kind: 'sale', operator: 'x', at, doc, rows: [adjustmentRow(ctx, 300, 'test credit', 'x')] });
    bo.release();
    expect(() => till.addTender('LOY', 301)).toThrow(/Loyalty refused: only R3.00 available/);
    expect(till.addTender('LOY', 100)).toBeNull();
    expect(() => till.addTender('LOY', 201)).toThrow(/only R2.00 available/);
    const sale = till.addTender('CARD')!;
    // The part paid with credits earns nothing: 99.00 of 100.00 earns at 2.5% (2.475 -> 2.48).
    expect(sale.loyalty?.earned).toBe(248);
    expect(sale.tenders.map((t) => [t.kind, t.amount])).toEqual([['loyalty', 100], ['card', 9900]]);
    expect(lastRecord(dir).rows.map((r: { kind: string; amount: number }) => [r.kind, r.amount])).toEqual([['redemption', 100], ['earn', 248]]);
    const book = LoyaltyBook.open(store);
    expect(book.available('D1')).toBe(200);
    for (const width of [40, 80] as const) {
      const slip = till.slipText(sale, width);
      expect(slip).toContain('Debtor: D1 Thandi Mokoena');
      expect(slip).toMatch(/Loyalty credit earned +R2\.48/);
      expect(slip).toMatch(/Loyalty Available +R2\.00/);
      expect(slip.split('\n').every((l) => l.length <= width)).toBe(true);
    }
  });

  it('reverses the credit of returned lines in the refund record', async () => {
    const { dir, till } = await setup();
    const sale = sell(till, 'D1', 150); // earns 3.75
    const part = till.refund(sale.saleNumber, [{ lineNo: 1, qty: 50 }]);
    expect(part).toMatchObject({ debtor: 'D1', loyalty: { reversed: 125 } });
    expect(lastRecord(dir).rows).toEqual([expect.objectContaining({ kind: 'reversal', amount: -125, source: part.refundNumber })]);
    expect(till.slipText(part, 40)).toMatch(/Loyalty credit reversed +-R1\.25/);
    const rest = till.refund(sale.saleNumber, 'all');
    expect(rest.loyalty?.reversed).toBe(250);
    const book = LoyaltyBook.open(opened[0]!.store);
    expect(book.balances('D1', rest.completedAt)).toMatchObject({ monthToDate: 0 });
    expect(book.periodSalesBefore('D1', rest.completedAt)).toBe(0);
  });

  it('takes the account tender only with a debtor, within the credit limit and not on hold', async () => {
    const { till } = await setup();
    till.scan('P1', 50);
    expect(() => till.addTender('ACC')).toThrow(/debtor/);
    till.attachDebtor('D1');
    expect(till.addTender('ACC')?.tenders[0]).toMatchObject({ kind: 'account', amount: 5000 });
    till.attachDebtor('D1');
    till.scan('P1', 51);
    expect(() => till.addTender('ACC')).toThrow(/Account refused: .*credit limit R100.00/);
    expect(till.addTender('ACC', 5000)).toBeNull();
    till.removeTender(0);
    till.attachDebtor('D3');
    expect(() => till.addTender('ACC')).toThrow(/Account refused: .*on hold/);
  });

  it("counts the debtor's sales at another till in this till's tier (followed through poll)", async () => {
    const { store, till, now } = await setup();
    till.attachDebtor('D1'); // the book is built now, before T2 sells
    const t2 = TillService.open(store, { till: 'T2', operator: 'system', now });
    opened[0]!.tills.push(t2);
    const other = sell(t2, 'D1', 500);
    // T2 polls first: one poll cursor per store, so both sessions must feed one book.
    expect(t2.refundable(other.saleNumber).lines).toHaveLength(1);
    till.scan('P1', 100);
    expect(till.getState().loyalty).toMatchObject({ rate: 300, earned: 300, periodSales: 50000 });
    expect(till.addTender('CARD')?.loyalty?.rate).toBe(300);
  });

  it('keeps the attached debtor with the open sale across a restart', async () => {
    const { store, till, now } = await setup();
    till.attachDebtor('D1');
    till.scan('C1');
    till.close();
    opened[0]!.tills = [];
    const again = TillService.open(store, { till: 'T1', operator: 'system', now });
    opened[0]!.tills.push(again);
    expect(again.getState().sale).toMatchObject({ debtor: 'D1', lines: [expect.objectContaining({ unitPrice: 500 })] });
    expect(again.getState().loyalty).toMatchObject({ debtor: 'D1', rate: 250 });
  });
});
