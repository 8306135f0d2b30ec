import fs from 'node:fs';
import path from 'node:path';
import { loyaltySettingsOf, type Store } from '../store/index.js';
import { hashPin } from '../store/manager-pin.js';
import type { Clock } from './clock.js';
import { importContracts, parseContractsCsv } from './contracts-csv.js';
import { importDebtors, parseDebtorsCsv } from './debtors-csv.js';
import { importItems, parseItemsCsv } from './items-csv.js';
import { demoDir } from './paths.js';

export const DEMO_MANAGER_PIN = '1234';

/**
 * The demo store: the defaults of a new store plus demo items, debtors and contracts, read
 * through the real imports so the demo data passes the same checks as a user's file. Contracts
 * come last: they name debtors and items that must exist.
 */
export async function seedDemo(store: Store, now: Clock = () => new Date()): Promise<void> {
  const read = (name: string) => ({ text: fs.readFileSync(path.join(demoDir(), name), 'utf8'), file: `data/demo/${name}` });
  const items = read('items.csv');
  await importItems(store, parseItemsCsv(items.text, items.file), items.file);
  const debtors = read('debtors.csv');
  await importDebtors(store, parseDebtorsCsv(debtors.text, debtors.file), debtors.file, now().toISOString());
  const contracts = read('contracts.csv');
  await importContracts(store, parseContractsCsv(contracts.text, contracts.file), contracts.file);
  // A known PIN so the demo's manager-only steps can be tried (data/README.md names it); only its
  // hash is stored, as for a real one.
  const managerPinHash = hashPin(DEMO_MANAGER_PIN);
  await store.edit('settings', (draft) => {
    draft.loyalty = { ...loyaltySettingsOf(draft), managerPinHash };
  });
}
