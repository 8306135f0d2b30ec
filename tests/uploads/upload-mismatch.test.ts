// A planned batch whose bytes can no longer be had (local copy gone, the journal giving other
// bytes) is never guessed at: its till uploads nothing more until it is resolved, and says why,
// while the other tills' sales still go, once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchLog } from '../../src/integrations/loyaltyplus/uploads/batch-log.js';
import { fileFacts } from '../../src/integrations/loyaltyplus/uploads/plan.js';
import { runUploads } from '../../src/integrations/loyaltyplus/uploads/run.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { FAST_RETRIES, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});

describe('a batch that cannot be rebuilt', () => {
  it('stops its own till with the reason, and the other tills upload', async () => {
    const { store } = await loyaltyStore();
    try {
      await useServer(store, sshd.server());
      sell(store, 'T1', 2);
      const t2 = sell(store, 'T2', 3);
      // A batch recorded as planned for T1's two sales whose checksum the journal no longer gives.
      const log = BatchLog.open(store.dir, () => undefined);
      log.append({
        type: 'planned', id: 'T1-1-2', till: 'T1', fromSeq: 1, toSeq: 2, count: 2, name: 'P-300_T1_1-2.csv', bytes: 10,
        sha256: '0'.repeat(64), at: new Date().toISOString(), scanFrom: 0, last: { start: 0, end: 0 }, file: fileFacts(store),
      });
      log.close();
      const r = await runUploads(store, { retryDelaysMs: FAST_RETRIES });
      expect(r).toMatchObject({ ok: false, kind: 'mismatch', sales: 3 });
      if (!r.ok) expect(r.message).toMatch(/P-300_T1_1-2\.csv \(T1 1-2\) cannot be rebuilt: .*till T1 uploads nothing until it is resolved/);
      expect(serverDocuments(sshd).sort()).toEqual([...t2].sort());
      expect(fs.readdirSync(sshd.uploadDir).some((n) => n.includes('_T1_'))).toBe(false);
      // Still stuck, still nothing twice.
      expect(await runUploads(store, { retryDelaysMs: FAST_RETRIES })).toMatchObject({ ok: false, kind: 'mismatch', sales: 0 });
      expect(serverDocuments(sshd).sort()).toEqual([...t2].sort());
      expect(fs.existsSync(path.join(store.dir, 'uploads', 'batches.jsonl'))).toBe(true);
    } finally {
      store.close();
    }
  });
});
