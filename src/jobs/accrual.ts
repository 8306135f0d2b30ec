// Accrue Loyalties off the till's thread: the scheduled job (catch-up runs never zero, SPEC 4
// rule 7) and the Loyalties menu's run both go through a worker on dist/accrual-job.js. From the
// TypeScript sources (tests), where no worker can load the job, it runs in this thread instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOYALTY_APPLICABLE } from '../engine/loyalty/index.js';
import { backOffice } from '../store/back-office.js';
import type { AccrueProgress, AccrueRequest, AccrueResult } from '../store/back-office-types.js';
import { loyaltySettingsOf } from '../store/loyalty-settings.js';
import type { Store } from '../store/index.js';
import type { AccrualJobData } from './accrual-job.js';
import { runInWorker } from './run-in-worker.js';
import type { JobDef } from './types.js';

export const ACCRUAL_JOB = 'Accrue Loyalties';

/** dist/accrual-job.js beside the running bundle, or null when running from the sources. */
function jobFile(): string | null {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return null;
  const file = fileURLToPath(new URL('./accrual-job.js', here));
  return existsSync(file) ? file : null;
}

export function accrueInWorker(store: Store, now: () => Date, req: AccrueRequest,
  onProgress?: (p: AccrueProgress) => void, signal?: AbortSignal): Promise<AccrueResult> {
  const file = jobFile();
  if (file === null) return backOffice(store, now).accrue(req, onProgress);
  const data: AccrualJobData = { dir: store.dir, req, clockOffsetMs: now().getTime() - Date.now() };
  return runInWorker<AccrueResult>(file, data, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
}

/** The nightly run of every loyalty kind, on the schedule of Loyalty Setup; missed nights are caught up once. */
export function accrualJob(store: Store, now: () => Date): JobDef {
  return {
    name: ACCRUAL_JOB,
    cron: loyaltySettingsOf(store.get('settings')).accrualSchedule,
    catchUp: true,
    run: async (ctx) => {
      const req: AccrueRequest = { kinds: LOYALTY_APPLICABLE.filter((k) => k !== 'no'), zeroUnused: false, operator: 'scheduler' };
      const r = await accrueInWorker(store, now, req, (p) => ctx.progress(p.done, p.total), ctx.signal);
      return `${r.debtors} debtor(s), posted ${r.posted} c, journal credited ${r.journalCredited} c`;
    },
  };
}
