// The till process's scheduled jobs: the built-in ones (Accrue Loyalties) plus one job per
// ENABLED automation event (automation.json). The runner takes its job list when it is created,
// so when the events change (an event added, its schedule or enabled flag changed, "Setup
// Automation Events") the runner is replaced: stop, create with the new list, start. Never in
// the middle of a run: the replacement waits until the runner is idle, so a run is never cut
// short and never overlaps itself (the new runner starts with no run, and the job lock is the
// same store-wide lock). Missed slots are the runner's catch-up, which the new runner does at
// its take-over from jobs/state.json. Every finished run gets a line in jobs/log.jsonl.
import { automationEvents } from '../store/automation.js';
import type { AutomationEvent } from '../store/automation-types.js';
import type { Store } from '../store/index.js';
import { cronProblem } from './cron-slots.js';
import { appendRunLog } from './job-log.js';
import { errorMessage } from './job-run.js';
import { createJobRunner } from './job-runner.js';
import type { JobDef, JobRunner, JobRunnerOptions } from './types.js';

/** The job body of one event, or null when its action has none in this build. */
export type EventJob = (event: AutomationEvent) => JobDef | null;

export interface AutomationJobsOptions {
  store: Store;
  now: () => Date;
  /** Jobs that are not events: always scheduled, ahead of the events. */
  builtIn: readonly JobDef[];
  jobFor: EventJob;
  /** How often automation.json is looked at (a stat; it is re-read only when it changed). Default 5 s. */
  pollMs?: number;
  /** Passed to every runner (lock retry, heartbeat: tests shorten them). */
  runnerOptions?: Partial<Pick<JobRunnerOptions, 'lockRetryMs' | 'heartbeatMs' | 'jumpToleranceMs' | 'monotonic' | 'stopTimeoutMs' | 'timeZone'>>;
  log?: (message: string) => void;
}

export interface AutomationJobs {
  /** Creates and starts the first runner, then follows automation.json. */
  start(): Promise<void>;
  /** Stops following and stops the runner (aborting a run in progress, as closing the till does). */
  stop(): Promise<void>;
  /** The runner in use now (replaced when the events change); null before start. */
  runner(): JobRunner | null;
  /** Looks at automation.json now (a screen calls it after a save); resolves once the runner follows it. */
  refresh(): Promise<void>;
  /** Called on every change of the runner's state, when the runner is replaced, and at every poll. */
  onChange(listener: () => void): () => void;
  /** Names of the jobs the current runner schedules, in order. */
  scheduled(): string[];
}

interface Wanted {
  key: string;
  jobs: JobDef[];
}

export function createAutomationJobs(opts: AutomationJobsOptions): AutomationJobs {
  const { store, now } = opts;
  const log = opts.log ?? ((m: string) => store.warn(m));
  const listeners = new Set<() => void>();
  const warned = new Set<string>();
  let current: JobRunner | null = null;
  let currentKey: string | null = null;
  let currentNames: string[] = [];
  let offCurrent: (() => void) | null = null;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;

  const emit = (): void => {
    for (const l of [...listeners]) {
      try { l(); } catch (err) { log(`an automation screen listener failed: ${errorMessage(err)}`); }
    }
  };

  const warnOnce = (key: string, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    log(message);
  };

  function wanted(): Wanted | null {
    let events: readonly AutomationEvent[];
    try {
      events = automationEvents(store);
    } catch (err) {
      // A damaged automation.json: keep the jobs as they are rather than dropping them.
      warnOnce(`read:${errorMessage(err)}`, `automation.json could not be read (${errorMessage(err)}); the scheduled jobs stay as they were`);
      return null;
    }
    const jobs = [...opts.builtIn];
    const names = new Set(jobs.map((j) => j.name));
    for (const e of events) {
      if (!e.enabled) continue;
      const problem = cronProblem(e.cron);
      if (problem !== null) {
        warnOnce(`cron:${e.name}:${e.cron}`, `automation event ${e.name}: schedule "${e.cron}" is not valid (${problem}); it is not scheduled`);
        continue;
      }
      if (names.has(e.name)) {
        warnOnce(`dup:${e.name}`, `automation event ${e.name}: another job has that name; it is not scheduled`);
        continue;
      }
      let def: JobDef | null;
      try {
        def = opts.jobFor(e);
      } catch (err) {
        warnOnce(`def:${e.name}`, `automation event ${e.name} could not be set up: ${errorMessage(err)}`);
        continue;
      }
      if (def === null) continue;
      names.add(e.name);
      jobs.push({ ...def, name: e.name, cron: e.cron });
    }
    // The job bodies are closures made afresh each time; what they do is fixed by these fields.
    const key = JSON.stringify(events.filter((e) => e.enabled && names.has(e.name)).map((e) => [e.name, e.action, e.cron.trim()]));
    return { key, jobs };
  }

  /** Appends a log line for every run that ends (only in the process holding the lock). */
  function watchRuns(r: JobRunner): () => void {
    let held = false;
    // A run is seen starting (the runner reports `running` before the body starts) and then
    // ending; comparing instants instead would miss a second run on a clock that stands still.
    const running = new Set<string>();
    return r.onChange(() => {
      // After stop() a runner is no longer active but its last runs (aborted ones) still count.
      if (r.active) held = true;
      if (held) {
        for (const s of r.status()) {
          if (s.running !== null) {
            running.add(s.name);
            continue;
          }
          if (!running.delete(s.name) || s.lastResult === null) continue;
          const finishedAt = s.lastFinishedAt ?? new Date(now().getTime()).toISOString();
          try {
            appendRunLog(store.dir, {
              job: s.name, reason: s.lastReason ?? 'scheduled', startedAt: s.lastRunAt ?? finishedAt, finishedAt,
              result: s.lastResult, note: s.lastNote, error: s.lastError,
            });
          } catch (err) {
            log(`jobs/log.jsonl could not be written: ${errorMessage(err)}`);
          }
        }
      }
      emit();
    });
  }

  async function replace(w: Wanted): Promise<void> {
    const old = current;
    offCurrent?.();
    offCurrent = null;
    if (old) await old.stop();
    const r = createJobRunner({
      store, jobs: w.jobs, now, log,
      timeZone: () => store.get('settings').company.timeZone,
      ...opts.runnerOptions,
    });
    current = r;
    currentKey = w.key;
    currentNames = w.jobs.map((j) => j.name);
    offCurrent = watchRuns(r);
    await r.start();
    emit();
  }

  async function follow(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const w = wanted();
      if (w === null || (current !== null && w.key === currentKey)) return;
      const r = current;
      if (r !== null && r.active && r.status().some((s) => s.running !== null)) {
        // Never cut a run short to reschedule: look again once it has ended.
        await r.idle();
        continue;
      }
      try {
        await replace(w);
      } catch (err) {
        log(`the scheduled jobs could not be rescheduled: ${errorMessage(err)}`);
      }
      return;
    }
  }

  const refresh = (): Promise<void> => {
    chain = chain.then(follow, follow);
    return chain;
  };

  return {
    async start() {
      if (started) return;
      started = true;
      await refresh();
      timer = setInterval(() => {
        void refresh().then(emit);
      }, opts.pollMs ?? 5_000);
      // Following the events must not keep a closing program alive.
      timer.unref();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      // Stopping the runner first ends a run a pending refresh may be waiting for.
      const r = current;
      await r?.stop();
      await chain.catch(() => undefined);
      if (current !== null && current !== r) await current.stop();
      offCurrent?.();
      offCurrent = null;
      emit();
    },

    runner: () => current,
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    scheduled: () => [...currentNames],
  };
}
