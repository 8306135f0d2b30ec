// The job runner: node-cron schedules in the store's time zone, one process per store (the job
// lock), one run per job at a time, success recorded durably only when a run completes, and
// missed slots caught up once: at start-up, on node-cron's execution:missed / execution:overlap,
// and after a wall-clock jump. Only the full-screen UI creates a runner (SPEC section 6).
import { acquireJobLock, elsewhereReason, type JobLock } from './job-lock.js';
import { checkTimeZone, compileJobs, type CompiledJob } from './job-defs.js';
import { emptyJobState, interruptedFields, JobStateFile, readJobStates } from './job-state.js';
import { errorMessage, executeRun, settleWithin } from './job-run.js';
import { watchClock } from './clock-watch.js';
import { scheduleJobs, type ScheduleEvent, type Schedules } from './schedules.js';
import type { JobProgress, JobRunner, JobRunnerOptions, JobState, JobStatus, RunNowAnswer, RunOutcome, RunReason } from './types.js';
import { isTimeZone } from './zoned-time.js';

interface Live {
  job: CompiledJob;
  controller: AbortController | null;
  done: Promise<RunOutcome> | null;
  progress: JobProgress | null;
  /** A trigger arrived during the run: look for a missed slot once it ends. */
  recheck: boolean;
  /** The slot of a run that failed in this process: not retried automatically until a newer slot. */
  failedSlot: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const compiled = compileJobs(opts.jobs);
  const { store, now } = opts;
  const log = opts.log ?? (() => undefined);
  const monotonic = opts.monotonic ?? (() => performance.now());
  const live = new Map<string, Live>(compiled.map((job) => [job.def.name, { job, controller: null, done: null, progress: null, recheck: false, failedSlot: null }]));
  const listeners = new Set<() => void>();

  let started = false;
  let stopping = false;
  let lock: JobLock | null = null;
  let lockWait: { stop(): void } | null = null;
  let stateFile: JobStateFile | null = null;
  let states: Record<string, JobState> = {};
  let schedules: Schedules | null = null;
  let clock: { stop(): void } | null = null;
  let timeZone = 'UTC';

  const emit = (): void => {
    for (const l of [...listeners]) {
      try { l(); } catch (err) { log(`a job screen listener failed: ${errorMessage(err)}`); }
    }
  };

  const persist = (): void => {
    if (lock === null || stateFile === null) return;
    try {
      stateFile.save(states);
    } catch (err) {
      // The run itself stands; what is lost is its record, so at worst it runs again (idempotent).
      log(`jobs/state.json could not be written: ${errorMessage(err)}`);
    }
  };

  const update = (name: string, change: Partial<JobState>): void => {
    const current = states[name] ?? emptyJobState(iso(now().getTime()));
    states[name] = { ...current, ...change };
  };

  const nextRunOf = (l: Live, nowMs: number): string | null => {
    const next = l.job.slots.next(nowMs, timeZone);
    return next === null ? null : iso(next);
  };

  /** Refreshes every job's nextRunAt; writes the file only when one changed (no fsync per beat). */
  const refreshNextRuns = (): void => {
    const nowMs = now().getTime();
    let changed = false;
    for (const [name, l] of live) {
      const next = nextRunOf(l, nowMs);
      if (states[name]?.nextRunAt !== next) {
        update(name, { nextRunAt: next });
        changed = true;
      }
    }
    if (changed) {
      persist();
      emit();
    }
  };

  function startRun(l: Live, reason: RunReason, slotMs: number): Promise<RunOutcome> {
    const name = l.job.def.name;
    const startedMs = now().getTime();
    const controller = new AbortController();
    l.controller = controller;
    l.progress = null;
    update(name, { running: { pid: process.pid, since: iso(startedMs), slot: iso(slotMs), reason }, lastRunAt: iso(startedMs) });
    persist();
    emit();
    const onProgress = (p: JobProgress): void => {
      l.progress = p;
      emit();
    };
    const done = executeRun(l.job.def, slotMs, controller.signal, onProgress).then((outcome) => {
      finishRun(l, reason, slotMs, startedMs, outcome);
      return outcome;
    });
    l.done = done;
    return done;
  }

  function finishRun(l: Live, reason: RunReason, slotMs: number, startedMs: number, outcome: RunOutcome): void {
    const name = l.job.def.name;
    const change: Partial<JobState> = {
      running: null, lastFinishedAt: iso(now().getTime()), lastResult: outcome.result, lastReason: reason,
      lastError: outcome.error ?? null, lastNote: outcome.note ?? null,
    };
    if (outcome.result === 'success') {
      // The start, not the end, is what the run covered: a slot that fell during it is still owed.
      Object.assign(change, { lastSuccessAt: iso(startedMs), lastSlotAt: iso(slotMs) });
      l.failedSlot = null;
    } else if (outcome.result === 'failed') {
      l.failedSlot = Math.max(slotMs, l.failedSlot ?? slotMs);
      log(`job ${name} failed: ${outcome.error ?? 'unknown error'}`);
    }
    update(name, { ...change, nextRunAt: nextRunOf(l, now().getTime()) });
    l.controller = null;
    l.done = null;
    l.progress = null;
    persist();
    emit();
    if (l.recheck && !stopping) {
      l.recheck = false;
      void check(l, 'overlap');
    }
  }

  /** Runs the job once if a slot fell after what its last completed run covered. */
  function check(l: Live, reason: RunReason, slotHint?: number): Promise<unknown> {
    if (lock === null || stopping) return Promise.resolve();
    if (l.done !== null) {
      l.recheck = true;
      return Promise.resolve();
    }
    const name = l.job.def.name;
    const s = states[name] ?? emptyJobState(iso(now().getTime()));
    const slot = slotHint ?? l.job.slots.previous(now().getTime(), timeZone);
    if (slot === null) return Promise.resolve();
    // Never completed: a catchUp job runs now; another waits for a slot after it was first seen.
    const covered = s.lastSuccessAt !== null ? Date.parse(s.lastSuccessAt) : l.job.def.catchUp ? -Infinity : Date.parse(s.since);
    if (slot <= covered) return Promise.resolve();
    if (l.failedSlot !== null && slot <= l.failedSlot) return Promise.resolve();
    if (reason !== 'scheduled') log(`job ${name}: running the slot of ${iso(slot)} (${reason})`);
    return startRun(l, reason, slot);
  }

  const checkAll = (reason: RunReason): void => {
    for (const l of live.values()) void check(l, reason);
  };

  const onSchedule = (name: string, event: ScheduleEvent, slotMs: number): Promise<unknown> => {
    const l = live.get(name);
    if (l === undefined) return Promise.resolve();
    // node-cron's slot is by the system clock; for a missed one, look for the latest slot instead.
    return event === 'scheduled' ? check(l, 'scheduled', slotMs) : check(l, event);
  };

  const schedule = (): void => {
    schedules?.stop();
    schedules = scheduleJobs(compiled, timeZone, onSchedule, log);
  };

  /** Every heartbeat: the store's time zone may have been changed in Company Details. */
  const followTimeZone = (): void => {
    const tz = opts.timeZone();
    if (tz === timeZone) return;
    if (!isTimeZone(tz)) {
      log(`the store's time zone "${tz}" is not valid; jobs stay on ${timeZone}`);
      return;
    }
    log(`the store's time zone changed from ${timeZone} to ${tz}; jobs rescheduled`);
    timeZone = tz;
    schedule();
    refreshNextRuns();
    checkAll('missed');
  };

  function takeOver(taken: JobLock): void {
    if (stopping) {
      taken.release();
      return;
    }
    const nowIso = iso(now().getTime());
    // File trouble throws here, before anything is scheduled: the lock is then let go and retried.
    const file = new JobStateFile(store.dir, log);
    const loaded = file.load(nowIso);
    const tz = opts.timeZone();
    if (isTimeZone(tz)) timeZone = tz;
    lock = taken;
    stateFile = file;
    states = loaded;
    for (const name of live.keys()) {
      const s = states[name] ?? emptyJobState(nowIso);
      // We hold the lock, so whoever was running that run is gone.
      states[name] = { ...s, ...interruptedFields(s) };
    }
    schedule();
    clock = watchClock({
      now, monotonic,
      intervalMs: opts.heartbeatMs ?? 60_000,
      toleranceMs: opts.jumpToleranceMs ?? 5_000,
      onJump: (jump) => {
        // node-cron's timers were armed for the old wall clock: after a forward jump the next slot
        // would fire hours late (as "missed"), after a backward one early. Arm them afresh.
        schedule();
        if (jump.jumpMs > 0) checkAll('clock-jump');
      },
      onBeat: () => {
        try {
          followTimeZone();
          refreshNextRuns();
        } catch (err) {
          log(`job heartbeat failed: ${errorMessage(err)}`);
        }
      },
    });
    for (const [name, l] of live) update(name, { nextRunAt: nextRunOf(l, now().getTime()) });
    persist();
    emit();
    checkAll('start-up');
  }

  const holderReason = (): string => {
    if (!started) return 'the job runner has not been started';
    return stopping ? 'the job runner is stopping' : elsewhereReason(store.dir);
  };

  const runner: JobRunner = {
    get active() {
      return lock !== null && !stopping;
    },

    async start() {
      if (started) return;
      timeZone = checkTimeZone(opts.timeZone());
      started = true;
      lockWait = acquireJobLock(store, opts.lockRetryMs ?? 15_000, takeOver, log);
    },

    async stop() {
      if (!started || stopping) return;
      stopping = true;
      lockWait?.stop();
      clock?.stop();
      schedules?.stop();
      const running = [...live.values()].filter((l) => l.done !== null);
      for (const l of running) l.controller?.abort(new Error('the job runner is stopping'));
      await settleWithin(running.map((l) => l.done), opts.stopTimeoutMs ?? 5_000);
      const stuck = running.filter((l) => l.done !== null).map((l) => l.job.def.name);
      if (stuck.length > 0) log(`jobs ${stuck.join(', ')} did not stop in time; the next start treats them as interrupted`);
      lock?.release();
      lock = null;
      emit();
    },

    runNow(name): RunNowAnswer {
      const l = live.get(name);
      if (l === undefined) return { ok: false, reason: `there is no job named "${name}"` };
      if (lock === null || stopping) return { ok: false, reason: holderReason() };
      if (l.done !== null) {
        const since = states[name]?.running?.since;
        return { ok: false, reason: `${name} is already running${since ? ` (since ${since})` : ''}; wait for it to finish` };
      }
      return { ok: true, done: startRun(l, 'manual', now().getTime()) };
    },

    status(): JobStatus[] {
      // Screens poll this; a damaged file would otherwise warn on every repaint. The holder warns.
      const source = lock !== null ? states : readJobStates(store.dir);
      const fallback = iso(now().getTime());
      return compiled.map(({ def }) => ({
        ...(source[def.name] ?? emptyJobState(fallback)),
        name: def.name,
        cron: def.cron,
        progress: lock !== null ? (live.get(def.name)?.progress ?? null) : null,
      }));
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async idle() {
      for (;;) {
        const pending = [...live.values()].map((l) => l.done).filter((d): d is Promise<RunOutcome> => d !== null);
        if (pending.length === 0) return;
        await Promise.all(pending);
      }
    },
  };
  return runner;
}
