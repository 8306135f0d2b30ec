// The real till session over a temp store, for the POS screen tests: what the screen shows is what
// the store and engine decide, slips included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import type { Item } from '../../../src/engine/types.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import { PosScreen } from '../../../src/screens/pos/pos-screen.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { TillService } from '../../../src/store/till-service.js';
import { render, type Rendered } from '../render.js';

export const ITEMS: Item[] = [
  { code: 'MILK', barcode: '6001000000011', description: 'Full Cream Milk 1L', price: 1899, taxRate: 1500 },
  { code: 'BREAD', barcode: '6001000000028', description: 'White Bread Loaf 700g', price: 1650, taxRate: 1500 },
  { code: 'EGGS', barcode: '6001000000035', description: 'Large Eggs 6 Pack', price: 3299, taxRate: 1500 },
  { code: 'SUGAR', barcode: '6001000000042', description: 'Brown Sugar 2kg', price: 4250, taxRate: 0 },
  { code: 'COFFEE', barcode: '6001000000059', description: 'Instant Coffee 200g', price: 8999, taxRate: 1500 },
];

export interface TillFixture {
  dir: string;
  store: Store;
  till: TillService;
  services: AppServices;
  /** Closes the till and opens it again, as after a restart. */
  reopen(): TillService;
  close(): void;
}

export async function openTill(opts: { cashRounding?: 0 | 5 | 10; items?: Item[] } = {}): Promise<TillFixture> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pos-screen-')), 'store');
  const store = await openStore(dir, { log: () => {}, stderr: false });
  await store.edit('items', (d) => {
    d.items.push(...(opts.items ?? ITEMS).map((i) => ({ ...i })));
  });
  await store.edit('settings', (d) => {
    d.company.storeName = 'Corner Store';
    d.company.timeZone = 'UTC';
    d.company.cashRounding = opts.cashRounding ?? 0;
  });
  let t = Date.parse('2026-05-01T08:00:00Z');
  const open = (): TillService => TillService.open(store, { till: 'T1', operator: 'system', now: () => new Date((t += 1000)) });
  const fixture: TillFixture = {
    dir, store, till: open(),
    get services(): AppServices {
      return { store, till: fixture.till, tillId: 'T1', operator: 'system' };
    },
    reopen() {
      fixture.till.close();
      fixture.till = open();
      return fixture.till;
    },
    close() {
      fixture.till.close();
      store.close();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
  return fixture;
}

/** The POS screen at 80x24 (or the given size) under the app root, over the fixture's till. */
export async function renderPos(f: TillFixture, size: { columns?: number; rows?: number } = {}): Promise<Rendered> {
  const view = await render(createElement(PosScreen), { services: f.services, ...size });
  await view.waitFor('ENTRY');
  return view;
}

/** Every frame written so far, ANSI-stripped, has at most `rows` rows. */
export function framesFit(view: Rendered, rows: number, columns: number): boolean {
  return view.frames.every((raw) => {
    // eslint-disable-next-line no-control-regex
    const lines = raw.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\n$/, '').split('\n');
    return lines.length <= rows && lines.every((l) => [...l].length <= columns);
  });
}
