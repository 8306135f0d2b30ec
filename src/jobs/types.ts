// Shapes shared by the job runner's modules and its callers (the UI, screens that show jobs).
import type { Store } from '../store/index.js';

export interface JobProgress {
  done: number;
  total: number;
  note?: string;
}

export interface JobContext {
  /** Aborted when the runner stops (the program closes); a job should stop promptly and throw. */
  signal: AbortSignal;
  /** Reports progress for screens (kept in memory only: a fsync per step would slow the job). */
  progress(done: number, total: number, note?: string): void;
  /** The schedule slot this run covers (for a manual run: the instant it was asked for). */
  at: Date;
}

export interface JobDef {
  /** Unique within the runner; also the key in jobs/state.json. */
  name: string;
  /** node-cron expression (5 fields, or 6 with seconds), read in the store's time zone. */
  cron: string;
  /**
   * Must be idempotent (SPEC 4 rule 10): a run killed half-way is run again from the start.
   * A string it returns is kept as the run's note (a summary for screens).
   */
  run(ctx: JobContext): Promise<void | string>;
  /**
   * A job that has never completed runs at the first start when true. Missed slots after a
   * completed run (or after the job was first seen) are always caught up, once.
   */
  catchUp?: boolean;
}

/** Why a run started; kept in the state so a screen can say "caught up after a clock jump". */
export type RunReason = 'scheduled' | 'start-up' | 'missed' | 'clock-jump' | 'overlap' | 'manual';

export type RunResult = 'success' | 'failed' | 'stopped' | 'interrupted';

export interface RunOutcome {
  result: RunResult;
  error?: string;
  note?: string;
}

/** One job as jobs/state.json keeps it; instants are ISO strings. */
export interface JobState {
  /** When a runner first saw this job: the baseline for missed slots before its first run. */
  since: string;
  /** Start of the last run that completed: every slot at or before it is covered. */
  lastSuccessAt: string | null;
  /** The slot that run covered. */
  lastSlotAt: string | null;
  /** Start of the latest run, whatever its result. */
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  lastResult: RunResult | null;
  lastReason: RunReason | null;
  lastError: string | null;
  lastNote: string | null;
  /** Set while a run is in progress (a dead pid here means the run was interrupted). */
  running: { pid: number; since: string; slot: string; reason: RunReason } | null;
  nextRunAt: string | null;
}

export interface JobStatus extends JobState {
  name: string;
  cron: string;
  /** In-memory progress of the current run (only in the process running it). */
  progress: JobProgress | null;
}

export type RunNowAnswer = { ok: true; done: Promise<RunOutcome> } | { ok: false; reason: string };

export interface JobRunnerOptions {
  store: Store;
  jobs: JobDef[];
  /** The store's clock (TILLPOINT_NOW aware); node-cron itself fires by the system clock. */
  now: () => Date;
  /** The store's time zone (Company Details); read again at every heartbeat. */
  timeZone: () => string;
  /** Problems and catch-ups worth a line in the log; never given secrets. */
  log?: (message: string) => void;
  /** How often a runner without the job lock tries to take it. Default 15 s. */
  lockRetryMs?: number;
  /** Heartbeat that spots wall-clock jumps and time-zone changes. Default 60 s. */
  heartbeatMs?: number;
  /** Wall-clock progress beyond monotonic progress that counts as a jump. Default 5 s. */
  jumpToleranceMs?: number;
  /** Monotonic milliseconds. Default performance.now(). */
  monotonic?: () => number;
  /** How long stop() waits for aborted runs to settle before it lets go of the lock. Default 5 s. */
  stopTimeoutMs?: number;
}

export interface JobRunner {
  /** Takes the job lock (or keeps retrying), catches up, schedules. Resolves once the first attempt is done. */
  start(): Promise<void>;
  /** Stops schedules, aborts running jobs, waits for them (bounded) and releases the job lock. */
  stop(): Promise<void>;
  /** A manual Run now; refused with a reason while that job runs or while another process runs jobs. */
  runNow(name: string): RunNowAnswer;
  /** Every job, in definition order. Without the lock, read from the holder's jobs/state.json. */
  status(): JobStatus[];
  /** True while this process holds the job lock (and so is the one running jobs). */
  readonly active: boolean;
  /** Called after every change of state or progress; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Resolves when no run is in progress or pending (tests and orderly shutdown). */
  idle(): Promise<void>;
}

/** A job definition or a time zone the runner cannot use; the message names the job. */
export class JobError extends Error {
  override name = 'JobError';
}
