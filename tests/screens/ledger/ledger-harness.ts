// A real temp store with sales made through TillService, for the Journal, Trial Balance and
// Receive Payment screen tests. Every figure is chosen so the postings are easy to work by hand:
// P1 sells at R115.00 with 15% VAT in it, i.e. R100.00 of sales and R15.00 of VAT.
import type { CompletedSale, Item } from '../../../src/engine/types.js';
import type { Debtor } from '../../../src/store/documents-types.js';
import { TillService } from '../../../src/store/till-service.js';
import { openTempStore, type TempStore } from '../forms/harness.js';

export const ZONE = 'Africa/Johannesburg';

export const ACC = {
  sales: '1000.000.000.00',
  cash: '3700.000.000.00',
  card: '3710.000.000.00',
  debtors: '3800.000.000.00',
  vat: '5000.000.000.00',
} as const;

const ITEMS: Item[] = [
  { code: 'P1', barcode: '', description: 'Paint 5L', price: 11500, taxRate: 1500 },
];

const D1: Debtor = {
  code: 'D1', name: 'Thandi Mokoena', cellphone: '+27821234567', email: '',
  account: { creditLimit: 50000, onHold: false },
  loyalty: { applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null },
};

export interface Books {
  tmp: TempStore;
  till: TillService;
  /** Sale 1: 1 x P1 in cash, 2026-05-04 10:00 at the shop (08:00Z). */
  cashSale: CompletedSale;
  /** Sale 2: 2 x P1 on D1's account, 2026-05-06 00:30 at the shop (2026-05-05 22:30Z). */
  accountSale: CompletedSale;
  close(): void;
}

/** The store with the two sales; `at` moves the till's clock. */
export async function openBooks(): Promise<Books> {
  const tmp = await openTempStore();
  await tmp.store.edit('settings', (d) => {
    d.company.timeZone = ZONE;
  });
  await tmp.store.edit('items', (d) => {
    d.items.push(...structuredClone(ITEMS));
  });
  await tmp.store.edit('debtors', (d) => {
    d.debtors.push(structuredClone(D1));
  });
  let t = Date.parse('2026-05-04T08:00:00Z');
  const till = TillService.open(tmp.store, { till: 'T1', operator: 'system', now: () => new Date(t) });
  till.scan('P1');
  const cashSale = till.addTender('CASH', 11500);
  t = Date.parse('2026-05-05T22:30:00Z');
  till.attachDebtor('D1');
  till.scan('P1', 2);
  const accountSale = till.addTender('ACC');
  if (cashSale === null || accountSale === null) throw new Error('a test sale did not complete');
  return {
    tmp, till, cashSale, accountSale,
    close() {
      till.close();
      tmp.cleanup();
    },
  };
}
