// The cashup kind beside the rest of the store: the doctor's journal check, the Loyalty Plus sales
// upload, the whole-store backup's file list and the ledger journal's kind filter all take it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalsCheck } from '../../src/doctor/check-journals.js';
import { journalMatcher } from '../../src/engine/ledger/index.js';
import { salesRowOf } from '../../src/integrations/loyaltyplus/uploads/sales-csv.js';
import { kindLabel } from '../../src/screens/ledger/journal-filter-fields.js';
import { backOffice } from '../../src/store/back-office.js';
import { recordFloat, zReport } from '../../src/store/cashup/index.js';
import { storeFiles } from '../../src/store/store-backup/files.js';
import { TillService } from '../../src/store/till-service.js';
import { cashupStore, journalRecords } from './helpers.js';

describe('the cashup kind elsewhere in the store', () => {
  it('is a valid journal record, uploads nothing, is backed up (its state file is derived) and filters by kind in the ledger', async () => {
    const { store, clock, dir } = await cashupStore();
    const till = TillService.open(store, { till: 'T1', operator: 'system', now: clock.now });
    recordFloat(store, till.cashupDesk(), 1000);
    till.scan('A');
    till.addTender('CASH');
    const z = zReport(store, till.cashupDesk(), { counted: 3100 }); // float 10.00 + 19.99 expected: 1.01 over
    till.close();
    const recs = journalRecords(dir, 'T1');
    expect(recs.map((r) => r.kind)).toEqual(['cashup', 'sale', 'cashup']);

    const finding = await journalsCheck.run({ dir, now: clock.now, env: {}, documents: undefined as never, yieldNow: async () => {} });
    expect(finding).toMatchObject({ status: 'ok' });
    expect(finding.detail).toMatch(/T1\.jsonl/);

    for (const r of recs.filter((x) => x.kind === 'cashup')) expect(salesRowOf(r)).toBeNull();
    expect(salesRowOf(recs[1])).toBeNull(); // no member: not a Loyalty Plus sale either

    const names = storeFiles(dir, path.join(dir, 'backups')).map((f) => f.name);
    expect(names).toContain('journals/T1.jsonl');
    expect(names).toContain(`slips/2026-12-01/${z.number}-40.txt`);
    expect(names.filter((n) => n.startsWith('cashup/'))).toEqual([]);

    const match = journalMatcher({ kind: 'cash-over-short' });
    const entries = backOffice(store).journal({ kind: 'cash-over-short' }, 0, 10).entries;
    expect(entries).toHaveLength(1);
    expect(match(entries[0]!)).toBe(true);
    expect(entries[0]!.lines).toEqual([
      { account: '3700.000.000.00', debit: 101, credit: 0, memo: 'Drawer count' },
      { account: '1510.000.000.00', debit: 0, credit: 101, memo: 'Cash over and short' },
    ]);
    expect(kindLabel('cash-over-short')).toBe('cash over short');
    store.close();
  });
});
