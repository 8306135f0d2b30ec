// Exactly one process of a store runs jobs: the holder of locks/jobs.lock. Another process stays
// idle and tries again every few seconds, so when the holder closes or crashes (its lock is then
// stale: the store's lock code checks the pid) a remaining till picks the jobs up.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/index.js';
import { errorMessage } from './job-run.js';

export interface JobLock {
  release(): void;
}

/** The pid written in the job lock, for "jobs run in process N"; null when unknown. */
export function jobLockHolder(storeDir: string): number | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(storeDir, 'locks', 'jobs.lock'), 'utf8')) as { pid?: unknown };
    return typeof v.pid === 'number' ? v.pid : null;
  } catch {
    return null;
  }
}

/** Why this process cannot run a job by hand: another one holds the job lock. */
export function elsewhereReason(storeDir: string): string {
  const pid = jobLockHolder(storeDir);
  return `scheduled jobs run in another process${pid === null ? '' : ` (pid ${pid})`}; use Run now there`;
}

/**
 * Takes the job lock now if it can, else every `everyMs` until it does (or stop() is called).
 * `onTaken` runs with the lock; when it throws, the lock is released and taken again later.
 */
export function acquireJobLock(store: Store, everyMs: number, onTaken: (lock: JobLock) => void, log: (m: string) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const attempt = (): void => {
    if (done) return;
    let lock: JobLock | null = null;
    try {
      lock = store.claimJobs();
    } catch (err) {
      log(`could not take the job lock: ${errorMessage(err)}`);
    }
    if (lock === null) return;
    try {
      onTaken(lock);
    } catch (err) {
      // Holding the lock without running jobs would starve every other process: let go, retry.
      lock.release();
      log(`could not start the jobs: ${errorMessage(err)}; trying again later`);
      return;
    }
    done = true;
    if (timer !== undefined) clearInterval(timer);
  };
  attempt();
  if (!done) {
    timer = setInterval(attempt, everyMs);
    // Waiting for the lock must not keep a closing program alive.
    timer.unref();
  }
  return {
    stop: () => {
      done = true;
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
