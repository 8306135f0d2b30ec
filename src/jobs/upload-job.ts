// The worker side of the Loyalty Plus sales uploads (run by run-in-worker.ts; bundled as
// dist/upload-job.js): opens the store in the worker's own thread, so building the files and the
// SSH work never hold up the till's screen, and runs one upload run as `tillpoint upload` does.
import { runUploads } from '../integrations/loyaltyplus/uploads/run.js';
import type { UploadOutcome } from '../integrations/loyaltyplus/uploads/types.js';
import { openStore } from '../store/store.js';

export interface UploadJobData {
  dir: string;
  /** The app clock's offset from the system clock (TILLPOINT_NOW), in ms. */
  clockOffsetMs: number;
  maxRows?: number;
  retryDelaysMs?: number[];
}

export default async function run(data: UploadJobData, ctx: { progress: (done: number, total: number, note?: string) => void }): Promise<UploadOutcome> {
  // Warnings go to the store's log only: the till's screen owns the terminal.
  const store = await openStore(data.dir, { create: false, stderr: false });
  try {
    return await runUploads(store, {
      now: () => new Date(Date.now() + data.clockOffsetMs),
      progress: (done, total, note) => ctx.progress(done, total, note),
      ...(data.maxRows === undefined ? {} : { maxRows: data.maxRows }),
      ...(data.retryDelaysMs === undefined ? {} : { retryDelaysMs: data.retryDelaysMs }),
    });
  } finally {
    store.close();
  }
}
