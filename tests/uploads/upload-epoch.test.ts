// Go-live and the uploads: Delete Loyalty tables (a new loyalty epoch) and Restore leave the upload
// records alone but for adding what a lost log lacks, because they say what the provider's server
// has. So a Loyalty Plus sale sold before the delete and not yet sent still goes, once, and
// nothing sent before a delete or a restore goes again.
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
const upload = (store: Parameters<typeof runUploads>[0]) => runUploads(store, { retryDelaysMs: FAST_RETRIES });

describe('uploads across a loyalty epoch', () => {
  it('sends every Loyalty Plus sale exactly once across a backup, a delete, a restore and an older backup restored', async () => {
    const { store } = await loyaltyStore();
    try {
      await useServer(store, sshd.server());
      const first = [...sell(store, 'T1', 3), ...sell(store, 'T2', 2)];
      expect(await upload(store)).toMatchObject({ ok: true, sales: 5 });
      const older = await backupLoyaltyTables(store, { now: new Date() });
      const second = sell(store, 'T1', 2);
      expect(await upload(store)).toMatchObject({ ok: true, sales: 2 });
      const unsent = sell(store, 'T1', 2); // sold before the delete, not uploaded yet
      const now = new Date();
      const { dir } = await backupLoyaltyTables(store, { now });
      await deleteLoyaltyTables(store, { backup: dir, confirmation: DELETE_CONFIRMATION, account: '3600.000.000.00', operator: 'system', now });
      const after = [...sell(store, 'T1', 2), ...sell(store, 'T3', 1)];
      expect(await upload(store)).toMatchObject({ ok: true, sales: unsent.length + after.length });
      expect(sorted(serverDocuments(sshd))).toEqual(sorted([...first, ...second, ...unsent, ...after]));

      // Back to the tables of before the second upload: the records still say what was sent.
      await restoreLoyaltyTables(store, older.dir, { now: new Date(), operator: 'system' });
      expect(await upload(store)).toMatchObject({ ok: true, sales: 0 });
      const later = sell(store, 'T2', 1);
      expect(await upload(store)).toMatchObject({ ok: true, sales: 1 });
      const all = [...first, ...second, ...unsent, ...after, ...later];
      expect(sorted(serverDocuments(sshd))).toEqual(sorted(all));
      expect(new Set(serverDocuments(sshd)).size).toBe(all.length);
    } finally {
      store.close();
    }
  });
});
