// The server goes away in the middle of a run (sshd killed with every session it forked, the
// connection dropping under the run): back within the retries, the same run completes; gone for
// longer, the run fails naming the step, and the next run, with the server back, completes. In
// both cases every sale is on the server exactly once.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runUploads } from '../../src/integrations/loyaltyplus/uploads/run.js';
import type { Store } from '../../src/store/index.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { clearUploads, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
let store: Store | null = null;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});
afterEach(async () => {
  store?.close();
  store = null;
  await sshd.start();
  clearUploads(sshd);
});

async function threeTills(): Promise<{ s: Store; sold: string[] }> {
  const s = (store = (await loyaltyStore()).store);
  await useServer(s, sshd.server());
  return { s, sold: [...sell(s, 'T1', 4), ...sell(s, 'T2', 4), ...sell(s, 'T3', 4)] };
}

describe('a server that goes away mid-run', () => {
  it('is waited for and reconnected to within the same run', async () => {
    const { s, sold } = await threeTills();
    let stopped: Promise<void> | null = null;
    let restarted: Promise<void> | null = null;
    const r = await runUploads(s, {
      // Long enough for sshd to come back (it starts in well under a second).
      retryDelaysMs: [300, 600, 1200, 2400, 4800],
      progress: (done) => {
        // After the first file is in place the server dies; it comes back once it is gone.
        if (done > 0 && !stopped) {
          stopped = sshd.stop();
          restarted = stopped.then(() => sshd.start());
        }
      },
    });
    await restarted;
    expect(r).toMatchObject({ ok: true, batches: 3, sales: 12 });
    expect(r.retries).toBeGreaterThan(0);
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
    expect(fs.readdirSync(sshd.uploadDir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('fails once the retries are spent, and the next run completes it', async () => {
    const { s, sold } = await threeTills();
    let stopped: Promise<void> | null = null;
    const r = await runUploads(s, {
      retryDelaysMs: [50, 50],
      progress: (done) => {
        if (done > 0 && !stopped) stopped = sshd.stop();
      },
    });
    await stopped;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(['connect', 'transfer', 'timeout']).toContain(r.kind);
      expect(r.message).toMatch(/at step "\w+"/);
      expect(r.message).not.toContain(sshd.password);
    }
    expect(r.batches).toBeGreaterThanOrEqual(1);
    expect(r.batches).toBeLessThan(3);
    await sshd.start();
    const next = await runUploads(s, { retryDelaysMs: [50] });
    expect(next).toMatchObject({ ok: true });
    expect(r.batches + next.batches).toBe(3);
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });
});
