// Shared helpers for the job runner tests: temp stores and jobs that record their runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createJobRunner, type JobContext, type JobDef, type JobRunner, type JobRunnerOptions } from '../../src/jobs/index.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-jobs-'));
  made.push(d);
  return d;
}

export async function quietStore(dir: string): Promise<Store> {
  return openStore(dir, { stderr: false, log: () => undefined });
}

export interface RunRecord {
  at: string;
  startedAt: string;
  endedAt?: string;
}

/** A job that records each run; `ms` makes it take that long (on the fake clock). */
export function recordingJob(name: string, cron: string, opts: { catchUp?: boolean; ms?: number; fail?: string; untilAborted?: boolean } = {}) {
  const runs: RunRecord[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const def: JobDef = {
    name,
    cron,
    ...(opts.catchUp === undefined ? {} : { catchUp: opts.catchUp }),
    async run(ctx: JobContext) {
      const rec: RunRecord = { at: ctx.at.toISOString(), startedAt: new Date().toISOString() };
      runs.push(rec);
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        if (opts.untilAborted) {
          await new Promise<void>((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
        }
        if (opts.ms) {
          // Honours the abort like a well-behaved job, so stop() need not wait out the timer.
          await new Promise<void>((resolve, reject) => {
            const t = setTimeout(resolve, opts.ms);
            ctx.signal.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted')); }, { once: true });
          });
        }
        if (opts.fail) throw new Error(opts.fail);
        rec.endedAt = new Date().toISOString();
      } finally {
        concurrent--;
      }
    },
  };
  return { def, runs, maxConcurrent: () => maxConcurrent };
}

export function runnerFor(store: Store, jobs: JobDef[], extra: Partial<JobRunnerOptions> & { tz?: string } = {}): { runner: JobRunner; logs: string[] } {
  const logs: string[] = [];
  const { tz, ...rest } = extra;
  const runner = createJobRunner({
    store,
    jobs,
    now: () => new Date(),
    timeZone: () => tz ?? 'UTC',
    log: (m) => logs.push(m),
    ...rest,
  });
  return { runner, logs };
}
