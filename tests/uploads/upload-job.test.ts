// The upload as the scheduled event's job: through the real job runner (a store that never
// uploaded catches up at start-up; success keeps a one-line note, failure the reason), and
// through a worker thread on the bundled job module, streaming progress back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, readJobStates } from '../../src/jobs/index.js';
import { uploadInWorker, uploadJob } from '../../src/jobs/uploads.js';
import { LOYALTY_PLUS_SALES_CRON, LOYALTY_PLUS_SALES_EVENT } from '../../src/store/automation-types.js';
import type { Store } from '../../src/store/index.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { bundleEntry } from './cli-bundle.js';
import { clearUploads, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
let job: { file: string; remove(): void };
let store: Store | null = null;
beforeAll(async () => {
  [sshd, job] = await Promise.all([startSshd(), bundleEntry('src/jobs/upload-job.ts', 'upload-job')]);
});
afterAll(async () => {
  await sshd?.close();
  job?.remove();
});
afterEach(() => {
  store?.close();
  store = null;
  clearUploads(sshd);
});

async function runOnce(s: Store) {
  const runner = createJobRunner({ store: s, jobs: [uploadJob(s, () => new Date(), LOYALTY_PLUS_SALES_EVENT, LOYALTY_PLUS_SALES_CRON)], now: () => new Date(), timeZone: () => 'UTC', log: () => undefined });
  await runner.start();
  await runner.idle();
  await runner.stop();
  return readJobStates(s.dir)[LOYALTY_PLUS_SALES_EVENT]!;
}

describe('the IQEvent_LoyaltyPlus_Sales job', () => {
  it('catches up at start-up and keeps a one-line note of what it sent', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = sell(s, 'T1', 3);
    const def = uploadJob(s, () => new Date(), LOYALTY_PLUS_SALES_EVENT, LOYALTY_PLUS_SALES_CRON);
    expect(def).toMatchObject({ name: LOYALTY_PLUS_SALES_EVENT, cron: LOYALTY_PLUS_SALES_CRON, catchUp: true });
    const state = await runOnce(s);
    expect(state).toMatchObject({ lastResult: 'success', lastReason: 'start-up' });
    expect(state.lastNote).toMatch(/^1 file\(s\), 3 sale\(s\), \d+ bytes$/);
    expect(serverDocuments(sshd)).toEqual(sold);
  });

  it('records a failed run with the reason and without the password', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server({ password: 'not-the-password-42' }));
    sell(s, 'T1', 1);
    const state = await runOnce(s);
    expect(state.lastResult).toBe('failed');
    expect(state.lastError).toMatch(/\(auth\)/);
    expect(state.lastError).not.toContain('not-the-password-42');
    expect(state.lastSuccessAt).toBeNull();
  });

  it('runs in a worker thread on the bundled job module, progress streamed back', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = [...sell(s, 'T1', 2), ...sell(s, 'T2', 2)];
    const seen: { done: number; total: number }[] = [];
    const r = await uploadInWorker(s, () => new Date(), { file: job.file, retryDelaysMs: [10], onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ ok: true, batches: 2, sales: 4 });
    expect(seen.at(-1)).toEqual(expect.objectContaining({ done: r.bytes, total: r.bytes }));
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });

  it('runs again without the heap budget when the worker outgrows it, each sale still sent once', async () => {
    const { store: s, warnings } = await loyaltyStore();
    store = s;
    await useServer(s, sshd.server());
    const sold = sell(s, 'T1', 3);
    const r = await uploadInWorker(s, () => new Date(), { file: job.file, retryDelaysMs: [10], heap: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 } });
    expect(warnings.join('\n')).toMatch(/the Loyalty Plus upload needed more than 1 MB; running it again without that limit/);
    expect(r).toMatchObject({ ok: true, sales: 3 });
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });
});
