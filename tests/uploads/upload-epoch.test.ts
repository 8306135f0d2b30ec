// Go-live and the uploads: after Delete Loyalty tables (a new loyalty epoch, the upload records
// archived), a run sends only the sales after the epoch's marks, never the ones sent before it;
// a restore brings the upload records back (with those written since), so nothing goes twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUploads } from '../../src/integrations/loyaltyplus/uploads/run.js';
import { backupLoyaltyTables, deleteLoyaltyTables, DELETE_CONFIRMATION, restoreLoyaltyTables } from '../../src/store/loyalty-tables/index.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { FAST_RETRIES, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});

const sorted = (xs: string[]) => [...xs].sort();

describe('uploads across a loyalty epoch', () => {
  it('after a delete sends only the new epoch\'s sales, and after a restore nothing already sent goes again', async () => {
    const { store } = await loyaltyStore();
    try {
      await useServer(store, sshd.server());
      const before = [...sell(store, 'T1', 3), ...sell(store, 'T2', 2)];
      expect(await runUploads(store, { retryDelaysMs: FAST_RETRIES })).toMatchObject({ ok: true, sales: 5 });
      const unsent = sell(store, 'T1', 2); // sold before go-live but not uploaded: part of the old epoch
      const now = new Date();
      const { dir } = await backupLoyaltyTables(store, { now });
      await deleteLoyaltyTables(store, { backup: dir, confirmation: DELETE_CONFIRMATION, account: '3600.000.000.00', operator: 'system', now });
      const after = [...sell(store, 'T1', 2), ...sell(store, 'T3', 1)];
      const r = await runUploads(store, { retryDelaysMs: FAST_RETRIES });
      expect(r).toMatchObject({ ok: true, sales: 3 });
      expect(sorted(serverDocuments(sshd))).toEqual(sorted([...before, ...after]));
      expect(serverDocuments(sshd)).not.toContain(unsent[0]);

      await restoreLoyaltyTables(store, dir, { now: new Date(), operator: 'system' });
      // The upload records are back with those written since: nothing sent in either epoch goes
      // again. (The old epoch's sales left unsent at the delete stay behind the watermark.)
      expect(await runUploads(store, { retryDelaysMs: FAST_RETRIES })).toMatchObject({ ok: true, sales: 0 });
      const later = sell(store, 'T1', 1);
      expect(await runUploads(store, { retryDelaysMs: FAST_RETRIES })).toMatchObject({ ok: true, sales: 1 });
      expect(sorted(serverDocuments(sshd))).toEqual(sorted([...before, ...after, ...later]));
    } finally {
      store.close();
    }
  });
});
