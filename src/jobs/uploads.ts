// The Loyalty Plus sales uploads as a job (the automation event IQEvent_LoyaltyPlus_Sales): each
// run goes through a worker on dist/upload-job.js, off the till's thread. From the TypeScript
// sources (tests), where no worker can load the job, it runs in this thread instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runUploads } from '../integrations/loyaltyplus/uploads/run.js';
import type { UploadOutcome } from '../integrations/loyaltyplus/uploads/types.js';
import type { Store } from '../store/index.js';
import type { UploadJobData } from './upload-job.js';
import { runInWorker } from './run-in-worker.js';
import type { JobDef, JobProgress } from './types.js';

/** dist/upload-job.js beside the running bundle, or null when running from the sources. */
function jobFile(): string | null {
  const here = import.meta.url;
  if (!here.endsWith('.js')) return null;
  const file = fileURLToPath(new URL('./upload-job.js', here));
  return existsSync(file) ? file : null;
}

/**
 * A heap budget for the worker in the till's process: a run makes garbage fast (every journal
 * record read is parsed) and without a cap V8 lets the heap grow far past what a batch needs
 * (20,000 sales over 4 tills: the process peaked at 98 MB uncapped, 79 MB with the main heap
 * capped at 40 MB). Batches are at most 10,000 rows, so the budget bounds the run.
 */
export const UPLOAD_HEAP = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

const outOfMemory = (err: unknown): boolean => (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

export interface UploadInWorkerOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
  /** The job module (default: dist/upload-job.js beside the bundle); null runs in this thread. */
  file?: string | null;
  maxRows?: number;
  retryDelaysMs?: number[];
  /** The worker's heap budget (default UPLOAD_HEAP); tests set a tiny one. */
  heap?: typeof UPLOAD_HEAP;
}

/** One upload run, in a worker when the bundle's job file is there, else in this thread. */
export async function uploadInWorker(store: Store, now: () => Date, o: UploadInWorkerOptions = {}): Promise<UploadOutcome> {
  const file = o.file === undefined ? jobFile() : o.file;
  if (file === null) {
    return runUploads(store, {
      now,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { progress: (done: number, total: number, note?: string) => o.onProgress!(note === undefined ? { done, total } : { done, total, note }) } : {}),
      ...(o.maxRows === undefined ? {} : { maxRows: o.maxRows }),
      ...(o.retryDelaysMs === undefined ? {} : { retryDelaysMs: o.retryDelaysMs }),
    });
  }
  const data: UploadJobData = { dir: store.dir, clockOffsetMs: now().getTime() - Date.now(),
    ...(o.maxRows === undefined ? {} : { maxRows: o.maxRows }), ...(o.retryDelaysMs === undefined ? {} : { retryDelaysMs: o.retryDelaysMs }) };
  const opts = { ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) };
  const heap = o.heap ?? UPLOAD_HEAP;
  try {
    return await runInWorker<UploadOutcome>(file, data, { ...opts, resourceLimits: heap });
  } catch (err) {
    if (!outOfMemory(err)) throw err;
    // Uploads are exactly-once whatever stops a run: the rerun without a cap finishes what it began.
    store.warn(`the Loyalty Plus upload needed more than ${heap.maxOldGenerationSizeMb} MB; running it again without that limit`);
    return runInWorker<UploadOutcome>(file, data, opts);
  }
}

/** The one-line note of a run, for the event's result. */
export function uploadNote(r: UploadOutcome): string {
  const found = r.foundOnServer > 0 ? ` (${r.foundOnServer} already on the server)` : '';
  return r.batches === 0 ? 'nothing new to upload' : `${r.batches} file(s), ${r.sales} sale(s), ${r.bytes} bytes${found}`;
}

/** The scheduled uploads of `eventName` on `cron`; a failed run throws, so the runner records it as failed with the reason. */
export function uploadJob(store: Store, now: () => Date, eventName: string, cron: string): JobDef {
  return {
    name: eventName,
    cron,
    catchUp: true,
    run: async (ctx) => {
      const r = await uploadInWorker(store, now, { signal: ctx.signal, onProgress: (p) => ctx.progress(p.done, p.total, p.note) });
      if (!r.ok) {
        const err = new Error(r.batches > 0 ? `${r.message} (${uploadNote(r)} before that)` : r.message);
        if (r.kind === 'stopped') err.name = 'AbortError';
        throw err;
      }
      return uploadNote(r);
    },
  };
}
