// The job runner's public surface.
//
// Only the long-running UI process starts a runner (SPEC section 6); one-shot commands (accrue,
// upload, ...) call the job body directly, once, and never start schedules or catch-up. In the UI:
//
//   const runner = createJobRunner({ store, jobs, now: clock, timeZone: () => store.get('settings').company.timeZone, log: ... });
//   await runner.start();            // takes the job lock, or stays idle and retries
//   ... screens: runner.status(), runner.onChange(repaint), runner.runNow(name)
//   await runner.stop();             // before store.close(), on every way out of the UI
//
// A long job body runs in a worker: run: (ctx) => runInWorker(file, data, { signal: ctx.signal,
// onProgress: (p) => ctx.progress(p.done, p.total, p.note) }).
export { createJobRunner } from './job-runner.js';
export { runInWorker, type WorkerRunOptions } from './run-in-worker.js';
export { readJobStates, jobStatePath } from './job-state.js';
// cronProblem: for a schedule field checked as it is typed (an automation event's cron).
export { compileCron, cronProblem, type CronSlots } from './cron-slots.js';
export { JobError } from './types.js';
export type { JobDef, JobContext, JobProgress, JobRunner, JobRunnerOptions, JobState, JobStatus, RunNowAnswer, RunOutcome, RunReason, RunResult } from './types.js';
