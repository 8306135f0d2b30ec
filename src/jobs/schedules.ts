// node-cron tasks for the jobs, one each. node-cron only tells us when; whether a run actually
// starts is the runner's decision (one run per job at a time, success recorded at the end), so
// every event here is passed on as a trigger with the slot it concerns.
import { createTask, type Logger, type ScheduledTask, type TaskContext } from 'node-cron';
import type { CompiledJob } from './job-defs.js';

export type ScheduleEvent = 'scheduled' | 'missed' | 'overlap';

/** Resolves when the run it started (if any) has ended, so node-cron's noOverlap sees it busy. */
export type Trigger = (job: string, event: ScheduleEvent, slotMs: number) => Promise<unknown>;

export interface Schedules {
  readonly timeZone: string;
  stop(): void;
}

/** node-cron logs to the console by default, which would scribble over the full-screen UI. */
function cronLogger(job: string, log: (m: string) => void): Logger {
  return {
    info: () => undefined,
    debug: () => undefined,
    warn: (m) => log(`job ${job}: ${m}`),
    error: (m, err) => log(`job ${job}: ${m instanceof Error ? m.message : m}${err ? ` (${err.message})` : ''}`),
  };
}

export function scheduleJobs(jobs: readonly CompiledJob[], timeZone: string, trigger: Trigger, log: (m: string) => void): Schedules {
  const tasks = new Map<string, ScheduledTask>();
  const slotOf = (ctx: TaskContext): number => ctx.date.getTime();
  for (const { def } of jobs) {
    const task = createTask(def.cron, (ctx) => trigger(def.name, 'scheduled', slotOf(ctx)), {
      name: `tillpoint:${def.name}`,
      timezone: timeZone,
      // Defaults to false; the runner guards too, but a second guard costs nothing.
      noOverlap: true,
      logger: cronLogger(def.name, log),
    });
    // A slot node-cron saw too late (event loop blocked, PC asleep, clock set forward).
    task.on('execution:missed', (ctx) => void trigger(def.name, 'missed', slotOf(ctx)));
    // A slot that fell while the previous run was still going: the runner looks again after it.
    task.on('execution:overlap', (ctx) => void trigger(def.name, 'overlap', slotOf(ctx)));
    void task.start();
    tasks.set(def.name, task);
  }
  return {
    timeZone,
    stop: () => {
      // destroy() also removes the task from node-cron's process-wide registry.
      for (const t of tasks.values()) void t.destroy();
      tasks.clear();
    },
  };
}
