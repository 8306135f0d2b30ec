// A real temp store with one shop day (2026-12-01 at the shop, UTC+2) of more rows than a page
// holds in several reports: 14 sales an hour apart of 14 items (sales by hour and by item), a
// loyalty sale at each of 12 tills (loyalty sales per till), and an audit trail of operators,
// logins, wrong PINs, overrides and setup changes (a secret among them). The CLI bundle runs
// against the same folder, so the screens are compared with what `tillpoint report` prints.
import type { Item } from '../../src/engine/types.js';
import type { Debtor } from '../../src/store/documents-types.js';
import { approveOverride, authenticate } from '../../src/store/operators/auth.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { loyaltyPlusSettingsOf } from '../../src/store/loyalty-plus-settings.js';
import { TillService } from '../../src/store/till-service.js';
import { openTempStore, type TempStore } from '../screens/forms/harness.js';
import { runCli, type Run } from '../reports/report-cli.js';

export const ZONE = 'Africa/Johannesburg';
export const DAY = '2026-12-01';
/** Noon at the shop on DAY: the screens' "today". */
export const NOW = new Date('2026-12-01T10:00:00Z');
export const SECRETS = ['TOPSECRET-START-7391', 'TOPSECRET-END-2846'];

const ITEMS: Item[] = Array.from({ length: 14 }, (_, i) => ({
  code: `I${String(i + 1).padStart(2, '0')}`, barcode: '', description: `Item ${i + 1}`, price: 1000 + i * 150, taxRate: 1500,
  loyalty: { loyaltyApplicable: true },
}));

const LOYAL: Debtor = {
  code: 'D1', name: 'Loyal Lerato', cellphone: '+27821234567', email: '',
  account: { creditLimit: 0, onHold: false },
  loyalty: { applicable: 'monthly-journal', excludeFromContracts: false, tiers: [{ target: 0, rate: 500 }], switchedOnAt: '2026-11-01T00:00:00Z' },
};

export interface Shop {
  tmp: TempStore;
  close(): void;
  cli(args: string[]): Run;
}

export async function openShop(bundle: string): Promise<Shop> {
  const tmp = await openTempStore();
  const { store } = tmp;
  const clock = { t: Date.parse('2026-12-01T05:00:00Z') };
  const at = (iso: string) => { clock.t = Date.parse(iso); };
  store.setActor({ operator: 'system', now: () => new Date(clock.t) });
  await store.edit('settings', (d) => { d.company.timeZone = ZONE; });
  await store.edit('items', (d) => { d.items.push(...structuredClone(ITEMS)); });
  await store.edit('debtors', (d) => { d.debtors.push(structuredClone(LOYAL)); });

  // 14 sales at T1, one an hour from 06:00 to 19:00 at the shop, each of another item (x the hour's quantity).
  const t1 = TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date(clock.t) });
  for (let h = 0; h < 14; h += 1) {
    at(`2026-12-01T${String(4 + h).padStart(2, '0')}:10:00Z`);
    t1.scan(ITEMS[h]!.code, 1 + (h % 3));
    if (t1.addTender('CASH') === null) throw new Error('a test sale did not complete');
  }
  t1.close();
  // A loyalty sale at each of 12 tills.
  for (let n = 1; n <= 12; n += 1) {
    at(`2026-12-01T09:${String(n).padStart(2, '0')}:00Z`);
    const till = TillService.open(store, { till: `L${String(n).padStart(2, '0')}`, operator: 'system', now: () => new Date(clock.t) });
    till.attachDebtor('D1');
    till.scan(ITEMS[n]!.code, n);
    if (till.addTender('CARD') === null) throw new Error('a loyalty test sale did not complete');
    till.close();
  }

  // The audit trail: operators added (setup lines), then the day's logins, wrong PINs and overrides.
  at('2026-12-01T06:00:00Z');
  await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: '9999', active: true }, 'add');
  await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: '5555', active: true }, 'add');
  await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '1111', active: true }, 'add');
  store.setActor({ operator: 'M1', till: 'T1', now: () => new Date(clock.t) });
  at('2026-12-01T06:30:00Z');
  await store.edit('settings', (d) => {
    d.company.storeName = 'Corner Shop';
    d.loyaltyPlus = { ...loyaltyPlusSettingsOf(d), secretStart: SECRETS[0]!, secretEnd: SECRETS[1]! };
  });
  store.setActor({ operator: 'C1', till: 'T1', now: () => new Date(clock.t) });
  for (let i = 0; i < 6; i += 1) {
    at(`2026-12-01T07:${String(i * 5).padStart(2, '0')}:00Z`);
    authenticate(store, 'C1', '1111', { purpose: 'login' });
  }
  at('2026-12-01T08:00:00Z');
  authenticate(store, 'C1', '0000', { purpose: 'login' });
  authenticate(store, 'C1', '0001', { purpose: 'login' });
  at('2026-12-01T08:10:00Z');
  approveOverride(store, { action: 'void-line', asking: 'C1', code: 'S1', pin: '5555', ref: 'T1-000003' });
  at('2026-12-01T08:20:00Z');
  approveOverride(store, { action: 'refund', asking: 'C1', code: 'M1', pin: '9999', ref: 'T1-000004' });
  // The day before and the day after at the shop: outside DAY.
  at('2026-11-30T21:59:00Z');
  authenticate(store, 'S1', '5555', { purpose: 'login' });
  at('2026-12-01T22:00:00Z');
  authenticate(store, 'S1', '5555', { purpose: 'login' });
  store.setActor({ operator: 'system', now: () => new Date(clock.t) });
  return {
    tmp,
    cli: (args) => runCli(bundle, ['--data', tmp.dir, ...args], NOW.toISOString()),
    close() {
      tmp.cleanup();
    },
  };
}
