// A real temp store for the Loyalties screens: debtors with the seed's four tiers, sales rung up
// through TillService at a set clock (May 2026, Africa/Johannesburg), and the back office's clock
// set to an instant of our choosing so periods end when the test says.
import type { Item } from '../../../src/engine/types.js';
import type { Debtor } from '../../../src/store/documents-types.js';
import { backOffice, loyaltySettingsOf } from '../../../src/store/index.js';
import { hashPin } from '../../../src/store/manager-pin.js';
import { TillService } from '../../../src/store/till-service.js';
import { openTempStore, type TempStore } from '../forms/harness.js';

export const TIERS = [
  { target: 20000, rate: 250 },
  { target: 50000, rate: 300 },
  { target: 100000, rate: 400 },
  { target: 200000, rate: 500 },
];

const debtor = (code: string, name: string, applicable: Debtor['loyalty']['applicable']): Debtor => ({
  code, name, cellphone: `+2782000000${code.slice(-1)}`, email: '',
  account: { creditLimit: 0, onHold: false },
  loyalty: applicable === 'no'
    ? { applicable, excludeFromContracts: false, tiers: [], switchedOnAt: null }
    : { applicable, excludeFromContracts: false, tiers: TIERS, switchedOnAt: '2026-01-01T00:00:00Z' },
});

export const DEBTORS: Debtor[] = [
  debtor('D1', 'Thandi Mokoena', 'monthly-payment'),
  debtor('D2', 'Acme Catering', 'monthly-journal'),
  debtor('D3', 'Sipho Dlamini', 'no'),
];

// R1.00 a unit, so a quantity spells the sale's value in rands.
const ITEMS: Item[] = [
  { code: 'P1', barcode: '', description: 'Point', price: 100, taxRate: 1500, loyalty: { loyaltyApplicable: true } },
];

export const MANAGER_PIN = '4321';

export interface Seeded extends TempStore {
  /** Moves the back office's clock (what "now" is for periods, rows and documents). */
  setNow(iso: string): void;
  sell(debtorCode: string, units: number, at: string): string;
}

export async function seededStore(): Promise<Seeded> {
  const tmp = await openTempStore();
  const { store } = tmp;
  await store.edit('settings', (d) => {
    d.company.timeZone = 'Africa/Johannesburg';
    d.loyalty = { ...loyaltySettingsOf(d), managerPinHash: hashPin(MANAGER_PIN), adjustThreshold: 50000 };
  });
  await store.edit('items', (d) => {
    d.items.push(...structuredClone(ITEMS));
  });
  await store.edit('debtors', (d) => {
    d.debtors.push(...structuredClone(DEBTORS));
  });
  let clock = Date.parse('2026-05-20T08:00:00Z');
  backOffice(store, () => new Date(clock));
  return {
    ...tmp,
    setNow(iso) {
      clock = Date.parse(iso);
    },
    sell(debtorCode, units, at) {
      let t = Date.parse(at);
      const till = TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date((t += 1000)) });
      try {
        till.attachDebtor(debtorCode);
        till.scan('P1', units);
        return till.addTender('CARD')!.saleNumber;
      } finally {
        till.close();
      }
    },
  };
}

/**
 * The May sales every test starts from. D1 (Use As Payment): R150.00 at 2.5% = 3.75, then R350.00
 * with R150.00 before it, still below the second target: 2.5% = 8.75; Month to Date 12.50.
 * D2 (Journal Account): R600.00 with nothing before it: 2.5% = 15.00.
 */
export function sellMay(s: Seeded): string[] {
  return [
    s.sell('D1', 150, '2026-05-04T08:00:00Z'),
    s.sell('D1', 350, '2026-05-05T09:30:00Z'),
    s.sell('D2', 600, '2026-05-06T12:00:00Z'),
  ];
}
