// Accrue Loyalties off the till's thread: the scheduled job (catch-up runs never zero, SPEC 4
// rule 7) and the Loyalties menu's run both go through a worker on dist/accrual-job.js. From the
// TypeScript sources (tests), where no worker can load the job, it runs in this thread instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOYALTY_APPLICABLE } from '../engine/loyalty/index.js';
import { backOffice } from '../store/back-office.js';
import type { AccrueProgress, AccrueRequest, AccrueResult } from '../store/back-office-types.js';
import { loyaltySettingsOf } from '../store/loyalty-settings.js';
import { openStore, type Store } from '../store/index.js';
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

/**
 * A heap budget for the worker: reading a million sales makes garbage fast, and without a cap V8
 * lets the heap grow far past what the books hold (measured: 330 MB peak with no cap, 257 MB
 * with this one, for 50,000 debtors over 1,000,000 sales, whose books take about 110 MB).
 */
export const ACCRUAL_HEAP = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 12 };

const outOfMemory = (err: unknown): boolean => (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

export interface AccrueInWorkerOptions {
  onProgress?: (p: AccrueProgress) => void;
  signal?: AbortSignal;
  /** The job module (default: dist/accrual-job.js beside the bundle) and heap budget; tests set them. */
  file?: string | null;
  heap?: typeof ACCRUAL_HEAP;
}

/** A store folder without the store open in this thread (the command line hands it to the worker). */
export interface StoreFolder {
  dir: string;
  warn(message: string): void;
}

async function inThisThread(target: Store | StoreFolder, now: () => Date, req: AccrueRequest, onProgress?: (p: AccrueProgress) => void): Promise<AccrueResult> {
  if ('journals' in target) return backOffice(target, now).accrue(req, onProgress);
  const store = await openStore(target.dir, { create: false });
  try {
    return await backOffice(store, now).accrue(req, onProgress);
  } finally {
    store.close();
  }
}

export async function accrueInWorker(target: Store | StoreFolder, now: () => Date, req: AccrueRequest, o: AccrueInWorkerOptions = {}): Promise<AccrueResult> {
  const { onProgress, signal } = o;
  const heap = o.heap ?? ACCRUAL_HEAP;
  const file = o.file === undefined ? jobFile() : o.file;
  if (file === null) return inThisThread(target, now, req, onProgress);
  const data: AccrualJobData = { dir: target.dir, req, clockOffsetMs: now().getTime() - Date.now() };
  const opts = { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) };
  try {
    return await runInWorker<AccrueResult>(file, data, { ...opts, resourceLimits: heap });
  } catch (err) {
    if (!outOfMemory(err)) throw err;
    // A store whose books outgrow the budget: accrual is idempotent, so the rerun without a cap
    // appends exactly what the stopped run had not.
    target.warn(`Accrue Loyalties needed more than ${heap.maxOldGenerationSizeMb} MB; running it again without that limit`);
    return runInWorker<AccrueResult>(file, data, opts);
  }
}

/** The nightly run of every loyalty kind, on the schedule of Loyalty Setup; missed nights are caught up once. */
export function accrualJob(store: Store, now: () => Date): JobDef {
  return {
    name: ACCRUAL_JOB,
    cron: loyaltySettingsOf(store.get('settings')).accrualSchedule,
    catchUp: true,
    run: async (ctx) => {
      const req: AccrueRequest = { kinds: LOYALTY_APPLICABLE.filter((k) => k !== 'no'), zeroUnused: false, operator: 'scheduler' };
      const r = await accrueInWorker(store, now, req, { onProgress: (p) => ctx.progress(p.done, p.total), signal: ctx.signal });
      return `${r.debtors} debtor(s), posted ${r.posted} c, journal credited ${r.journalCredited} c`;
    },
  };
}
