// Schedule catch-up with a fixed clock, through the real pieces: the till's automation
// controller, the real upload job (src/jobs/uploads.ts) and a real OpenSSH sshd on loopback.
// jobs/state.json says the event last succeeded yesterday at 10:00 and its schedule is every
// hour; starting at a fixed 09:30 today runs it exactly once (not once per missed hour), for the
// 09:00 slot, and the sales land on the server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAutomationJobs, type AutomationJobs } from '../../src/jobs/automation-jobs.js';
import { readRunLog } from '../../src/jobs/job-log.js';
import { emptyJobState, JobStateFile } from '../../src/jobs/job-state.js';
import { readJobStates } from '../../src/jobs/index.js';
import { uploadJob } from '../../src/jobs/uploads.js';
import { changeEvent, ensureLoyaltyPlusSalesEvent } from '../../src/store/automation.js';
import { LOYALTY_PLUS_SALES_EVENT } from '../../src/store/automation-types.js';
import type { Store } from '../../src/store/index.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { clearUploads, loyaltyStore, sell, serverDocuments, useServer } from '../uploads/upload-fixture.js';

const NOW = new Date('2026-06-02T09:30:00.000Z');
const YESTERDAY_10 = '2026-06-01T10:00:00.000Z';

let sshd: SshdServer;
let store: Store | null = null;
let jobs: AutomationJobs | null = null;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});
afterEach(async () => {
  await jobs?.stop();
  jobs = null;
  const dir = store?.dir;
  store?.close();
  store = null;
  clearUploads(sshd);
  if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** One runner's worth of the till process: the controller with the real upload job on a fixed clock. */
function tillJobs(s: Store): AutomationJobs {
  const now = () => new Date(NOW);
  return createAutomationJobs({
    store: s, now, builtIn: [], log: () => undefined,
    jobFor: (e) => uploadJob(s, now, e.name, e.cron),
    pollMs: 60_000,
  });
}

describe('catch-up of an upload event', () => {
  it('runs the missed hourly upload exactly once at start-up, and the file lands on the server', async () => {
    const s = (store = (await loyaltyStore()).store);
    await store.edit('settings', (d) => {
      d.company.timeZone = 'UTC';
    });
    await useServer(s, sshd.server());
    await ensureLoyaltyPlusSalesEvent(s, new Date(YESTERDAY_10));
    await changeEvent(s, LOYALTY_PLUS_SALES_EVENT, { cron: '0 * * * *' });
    const sold = sell(s, 'T1', 3);
    // What the till that ran it yesterday left behind.
    new JobStateFile(s.dir, () => undefined).save({
      [LOYALTY_PLUS_SALES_EVENT]: { ...emptyJobState(YESTERDAY_10), lastSuccessAt: YESTERDAY_10, lastSlotAt: YESTERDAY_10, lastRunAt: YESTERDAY_10, lastFinishedAt: YESTERDAY_10, lastResult: 'success', lastReason: 'scheduled' },
    });

    jobs = tillJobs(s);
    await jobs.start();
    await jobs.runner()!.idle();
    const state = readJobStates(s.dir)[LOYALTY_PLUS_SALES_EVENT]!;
    expect(state.lastResult).toBe('success');
    expect(['start-up', 'missed']).toContain(state.lastReason);
    // The latest missed slot, not each of the 23 hours since.
    expect(state.lastSlotAt).toBe('2026-06-02T09:00:00.000Z');
    expect(state.lastSuccessAt).toBe(NOW.toISOString());
    expect(state.nextRunAt).toBe('2026-06-02T10:00:00.000Z');
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
    const log = readRunLog(s.dir, LOYALTY_PLUS_SALES_EVENT);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ result: 'success', reason: state.lastReason });
    expect(log[0]!.note).toContain('1 file(s), 3 sale(s)');

    // The till restarts at the same instant: the slot is covered, so nothing runs again.
    await jobs.stop();
    jobs = tillJobs(s);
    await jobs.start();
    await jobs.runner()!.idle();
    expect(readRunLog(s.dir, LOYALTY_PLUS_SALES_EVENT)).toHaveLength(1);
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });
});
