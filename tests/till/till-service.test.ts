import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, storeFs, type Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';

const opened: { store: Store; till?: TillService }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.till?.close();
    o.store.close();
  }
});

async function setup(rounding: 0 | 5 | 10 = 0) {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tillsvc-')), 'store');
  const store = await openStore(dir, { log: () => {} });
  await store.edit('items', (d) => {
    d.items.push({ code: 'A1', barcode: '6001000000011', description: 'Apple juice', price: 1999, taxRate: 1500 });
    d.items.push({ code: 'B2', barcode: '', description: 'Bread', price: 1749, taxRate: 0 });
  });
  await store.edit('settings', (d) => {
    d.company.cashRounding = rounding;
  });
  let t = Date.parse('2026-05-01T08:00:00Z');
  const till = TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date((t += 1000)) });
  opened.push({ store, till });
  return { dir, store, till };
}

describe('TillService', () => {
  it('keeps the open sale on disk as it changes and clears it on completion', async () => {
    const { dir, till } = await setup();
    till.scan('6001000000011');
    till.scan('B2', 2);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'open', 'T1.json'), 'utf8'));
    expect(JSON.stringify(saved)).toContain('Apple juice');
    const sale = till.addTender('CASH', 10000);
    expect(sale?.saleNumber).toBe('T1-000001');
    expect(sale?.change).toBe(10000 - 1999 - 2 * 1749);
    expect(fs.existsSync(path.join(dir, 'open', 'T1.json'))).toBe(false);
    expect(till.getState()).toMatchObject({ sale: null, last: { saleNumber: 'T1-000001' } });
  });

  it('reopens an open sale after the process is gone, but not one that already reached the journal', async () => {
    const { dir, store, till } = await setup();
    till.scan('A1');
    till.close();
    const again = TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date() });
    expect(again.getState().resumed).toBe(true);
    expect(again.getState().sale?.lines).toHaveLength(1);
    // A crash between the journal append and clearing the open sale must not ring it up twice.
    const openCopy = fs.readFileSync(path.join(dir, 'open', 'T1.json'));
    again.addTender('CARD');
    again.close();
    fs.mkdirSync(path.join(dir, 'open'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'open', 'T1.json'), openCopy);
    const third = TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date() });
    opened.push({ store, till: third });
    expect(third.getState().sale).toBeNull();
    expect(third.getState().last).toMatchObject({ saleNumber: 'T1-000001' });
    opened[0]!.till = undefined;
  });

  it('rounds the cash due and shows the rounding', async () => {
    const { till } = await setup(5);
    till.scan('A1'); // 19.99 -> 20.00 in cash
    const sale = till.addTender('CASH');
    expect(sale).toMatchObject({ total: 1999, rounding: 1, change: 0 });
    expect(till.slipText(sale!, 40)).toMatch(/[Rr]ounding/);
  });

  it('refunds across tills, never more than was sold', async () => {
    const { store, till } = await setup();
    till.scan('A1', 3);
    const sale = till.addTender('CARD')!;
    const t2 = TillService.open(store, { till: 'T2', operator: 'system', now: () => new Date() });
    opened.push({ store, till: t2 });
    expect(t2.refundable(sale.saleNumber).lines[0]).toMatchObject({ sold: 3, refunded: 0, refundable: 3 });
    const r = t2.refund(sale.saleNumber, [{ lineNo: 1, qty: 2 }]);
    expect(r).toMatchObject({ refundNumber: 'T2-000001', total: 3998 });
    expect(till.refundable(sale.saleNumber).lines[0]).toMatchObject({ refunded: 2, refundable: 1 });
    expect(() => till.refund(sale.saleNumber, [{ lineNo: 1, qty: 2 }])).toThrow(/line 1/i);
    expect(till.refund(sale.saleNumber, 'all').total).toBe(1999);
  });

  it('changes nothing when a step is refused', async () => {
    const { dir, till } = await setup();
    expect(() => till.scan('NOPE')).toThrow(/NOPE/);
    expect(till.getState().sale).toBeNull();
    expect(fs.existsSync(path.join(dir, 'open', 'T1.json'))).toBe(false);
    till.scan('A1');
    expect(() => till.addTender('CARD', 5000)).toThrow(/cash only|at most/i);
    expect(till.getState().sale?.tenders).toHaveLength(0);
  });

  it('previews a refund exactly as it then records it, writing nothing', async () => {
    const { dir, store, till } = await setup(5);
    till.scan('A1'); // 19.99, paid by card; returned in cash: 20.00 after 5c rounding
    const sale = till.addTender('CARD')!;
    const before = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'));
    const preview = till.previewRefund(sale.saleNumber, 'all');
    expect(preview.tenders).toEqual([expect.objectContaining({ tenderCode: 'CASH', amount: 2000 })]);
    expect(fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'))).toEqual(before);
    const refund = till.refund(sale.saleNumber, 'all');
    expect({ ...refund, completedAt: '' }).toEqual({ ...preview, completedAt: '' });
    expect(store.journals.refundsOf(sale.saleNumber)).toHaveLength(1);
  });

  it('refuses account and loyalty tenders while nobody can be attached to the sale', async () => {
    const { till } = await setup();
    till.scan('A1');
    expect(() => till.addTender('ACC')).toThrow(/debtor/);
    expect(() => till.addTender('LOY')).toThrow(/loyalty member/);
    expect(till.getState().sale?.tenders).toHaveLength(0);
    const sale = till.addTender('CASH')!;
    expect(() => till.refund(sale.saleNumber, 'all', 'LOY')).toThrow(/loyalty member/);
  });

  it('never records a sale twice when removing the open sale fails after the journal write', async () => {
    const { dir, till } = await setup();
    till.scan('A1');
    const unlink = storeFs.unlinkSync;
    storeFs.unlinkSync = (f) => {
      if (String(f).includes(`${path.sep}open${path.sep}`)) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      unlink(f);
    };
    try {
      expect(till.addTender('CASH')?.saleNumber).toBe('T1-000001');
    } finally {
      storeFs.unlinkSync = unlink;
    }
    expect(till.getState().sale).toBeNull();
    expect(() => till.addTender('CASH')).toThrow(/No sale is open/);
    const lines = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
  });
});
