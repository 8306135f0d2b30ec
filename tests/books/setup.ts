// A store with loyalty debtors and a till whose clock the test moves, for the back-office tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { LoyaltyApplicable } from '../../src/engine/loyalty/index.js';
import type { CompletedSale } from '../../src/engine/types.js';
import { openStore, type Debtor, type Store } from '../../src/store/index.js';
import { backOffice, type BackOffice } from '../../src/store/back-office.js';
import { TillService } from '../../src/store/till-service.js';

export const TIERS = [
  { target: 20000, rate: 250 },
  { target: 50000, rate: 300 },
  { target: 100000, rate: 400 },
  { target: 200000, rate: 500 },
];

export function debtor(code: string, applicable: LoyaltyApplicable, extra: Partial<Debtor> = {}): Debtor {
  return {
    code, name: `Debtor ${code}`, cellphone: '', email: '',
    account: { creditLimit: 1000000, onHold: false },
    loyalty: { applicable, excludeFromContracts: false, tiers: applicable === 'no' ? [] : TIERS,
      switchedOnAt: applicable === 'no' ? null : '2026-01-01T00:00:00Z' },
    ...extra,
  };
}

export interface Books {
  dir: string;
  store: Store;
  till: TillService;
  bo: BackOffice;
  /** Sets the clock (every read after advances it by a second, so records keep their order). */
  setNow(iso: string): void;
  sell(debtorCode: string, units: number, tender?: string): CompletedSale;
}

const open: { store: Store; till: TillService }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.till.close();
    o.store.close();
  }
});

export async function books(debtors: Debtor[], startIso = '2026-05-04T08:00:00Z'): Promise<Books> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'books-')), 'store');
  const store = await openStore(dir, { log: () => {} });
  await store.edit('settings', (d) => {
    d.company.timeZone = 'Africa/Johannesburg';
  });
  await store.edit('items', (d) => {
    // R1.00 a unit, so quantities spell out amounts.
    d.items.push({ code: 'P1', barcode: '', description: 'Point', price: 100, taxRate: 1500, loyalty: { loyaltyApplicable: true } });
  });
  await store.edit('debtors', (d) => {
    d.debtors.push(...debtors);
  });
  let t = Date.parse(startIso);
  const now = () => new Date((t += 1000));
  const till = TillService.open(store, { till: 'T1', operator: 'system', now });
  open.push({ store, till });
  const bo = backOffice(store, now);
  const sell = (code: string, units: number, tender = 'CARD'): CompletedSale => {
    till.attachDebtor(code);
    till.scan('P1', units);
    return till.addTender(tender)!;
  };
  return { dir, store, till, bo, setNow: (iso) => { t = Date.parse(iso); }, sell };
}
