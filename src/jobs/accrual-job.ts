// The worker side of the accrual job (run by run-in-worker.ts; bundled as dist/accrual-job.js):
// opens the store in the worker's own thread, so reading a million sales never freezes the
// till's screen, and runs Accrue Loyalties exactly as `tillpoint accrue` does.
import fs from 'node:fs';
import os from 'node:os';
import { backOffice } from '../store/back-office.js';
import { openStore } from '../store/store.js';
import type { AccrueRequest, AccrueResult } from '../store/back-office-types.js';

export interface AccrualJobData {
  dir: string;
  req: AccrueRequest;
  /** The app clock's offset from the system clock (TILLPOINT_NOW), in ms. */
  clockOffsetMs: number;
}

/**
 * Lowers this worker thread's CPU priority (Linux: setpriority on the thread id), so on a
 * two-core till PC the cashier's keystrokes win over the night's catch-up run. Best effort.
 */
function yieldToTheTill(): void {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not Linux, or not allowed: the run just competes at normal priority
  }
}

export default async function run(data: AccrualJobData, ctx: { progress: (done: number, total: number) => void }): Promise<AccrueResult> {
  yieldToTheTill();
  // Warnings go to the store's log only: the till's screen owns the terminal.
  const store = await openStore(data.dir, { create: false, stderr: false });
  try {
    const now = () => new Date(Date.now() + data.clockOffsetMs);
    return await backOffice(store, now).accrue(data.req, (p) => ctx.progress(p.done, p.total));
  } finally {
    store.close();
  }
}
