// A store with a day of mixed trading at till T1 for the cash-up tests: cash with change, card,
// account, the loyalty tender, a line void, an abandoned sale, refunds, loyalty earned and redeemed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adjustmentRow } from '../../src/engine/loyalty/index.js';
import type { CompletedSale } from '../../src/engine/types.js';
import { openStore, type Debtor, type Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';

export const TZ = 'Africa/Johannesburg';

export function debtor(code: string): Debtor {
  return {
    code, name: `Debtor ${code}`, cellphone: '+27821234567', email: '',
    account: { creditLimit: 100000, onHold: false },
    loyalty: { applicable: 'monthly-payment', excludeFromContracts: false, tiers: [{ target: 1000, rate: 500 }], switchedOnAt: '2026-01-01T00:00:00Z' },
  };
}

export interface Clock { t: number; now: () => Date; set(iso: string): void }

export function clockAt(iso: string): Clock {
  const c: Clock = { t: Date.parse(iso), now: () => new Date((c.t += 1000)), set: (i) => void (c.t = Date.parse(i)) };
  return c;
}

export async function cashupStore(dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cashup-')), 'store'), clock = clockAt('2026-12-01T06:00:00Z')): Promise<{ store: Store; clock: Clock; dir: string; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openStore(dir, { stderr: false, log: (l) => warnings.push(l) });
  store.setActor({ operator: 'system', till: 'T1', now: clock.now });
  await store.edit('settings', (d) => {
    d.company.timeZone = TZ;
  });
  await store.edit('items', (d) => {
    d.items.push({ code: 'A', barcode: '', description: 'Apple juice', price: 1999, taxRate: 1500, loyalty: { loyaltyApplicable: true } });
    d.items.push({ code: 'B', barcode: '', description: 'Bread', price: 1749, taxRate: 0, loyalty: { loyaltyApplicable: true } });
  });
  await store.edit('debtors', (d) => {
    d.debtors.push(debtor('D1'));
  });
  return { store, clock, dir, warnings };
}

/** Credits D1 can redeem: an adjustment row in another journal stands in for the accrual. */
export function creditD1(store: Store, clock: Clock, amount: number): void {
  const bo = store.claimTill('BO');
  const at = clock.now().toISOString();
  const ctx = { debtor: 'D1', applicable: 'monthly-payment' as const, calendar: { timeZone: TZ, fyStartMonth: 3 }, at, source: 'ADJ1' };
  const doc: CompletedSale = { kind: 'sale', saleNumber: 'BO-000001', till: 'BO', operator: 'x', startedAt: at, completedAt: at,
    lines: [], voidedLines: 0, total: 0, tax: [], taxTotal: 0, tenders: [], rounding: 0, change: 0 };
  bo.append({ kind: 'sale', operator: 'x', at, doc, rows: [adjustmentRow(ctx, amount, 'test credit', 'x')] });
  bo.release();
}

/** The day: returns the documents in the order they were made. */
export function tradeDay(till: TillService): CompletedSale[] {
  const out: CompletedSale[] = [];
  till.scan('A', 2);
  out.push(till.addTender('CASH', 5000)!); // 39.98, change 10.02
  till.scan('A');
  till.scan('B');
  till.voidLine(2);
  till.scan('B');
  out.push(till.addTender('CARD')!); // 37.48 with one voided line
  till.attachDebtor('D1');
  till.scan('A', 3);
  out.push(till.addTender('ACC')!); // 59.97 on account, earns 5%
  till.attachDebtor('D1');
  till.scan('B');
  if (till.addTender('LOY', 300) !== null) throw new Error('the loyalty tender settled the sale');
  out.push(till.addTender('CASH')!); // 14.49 cash after 3.00 of credits
  till.scan('A');
  till.abandon();
  return out;
}

/** Every record of a till's journal, parsed without the store. */
export function journalRecords(dir: string, till: string): any[] {
  const file = path.join(dir, 'journals', `${till}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(9)));
}
