// Real services for kit tests: a store in a temp folder and, when asked, a till session on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../src/store/index.js';
import { TillService } from '../../../src/store/till-service.js';
import type { AppServices } from '../../../src/screens/app-context.js';

export interface TestServices {
  services: AppServices;
  close(): void;
}

export async function testServices(withTill: boolean): Promise<TestServices> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-kit-'));
  const store = await openStore(path.join(dir, 'data'), { stderr: false });
  await store.edit('items', (d) => {
    d.items.push({ code: 'BREAD', barcode: '6001000000011', description: 'White bread 700g', price: 1899, taxRate: 1500 });
  });
  const till = withTill ? TillService.open(store, { till: 'T1', operator: 'tester', now: () => new Date() }) : null;
  return {
    services: { store, till, tillId: 'T1', operator: 'tester' },
    close() {
      till?.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
