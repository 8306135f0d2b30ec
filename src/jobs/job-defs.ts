// Checks job definitions before anything is scheduled, so a bad schedule (typed into an
// automation event, say) is refused with the job's name and the field at fault, not at 02:00.
import { compileCron, cronProblem, type CronSlots } from './cron-slots.js';
import { JobError, type JobDef } from './types.js';
import { isTimeZone } from './zoned-time.js';

export interface CompiledJob {
  def: JobDef;
  slots: CronSlots;
}

export function compileJobs(defs: readonly JobDef[]): CompiledJob[] {
  const seen = new Set<string>();
  return defs.map((def, i) => {
    const name = typeof def?.name === 'string' ? def.name.trim() : '';
    if (name === '') throw new JobError(`job ${i + 1} has no name`);
    if (seen.has(name)) throw new JobError(`job "${name}" is defined twice`);
    seen.add(name);
    if (typeof def.run !== 'function') throw new JobError(`job "${name}" has nothing to run`);
    const problem = cronProblem(def.cron);
    if (problem !== null) throw new JobError(`job "${name}": schedule "${String(def.cron)}" is not a valid cron expression: ${problem}`);
    return { def: { ...def, name }, slots: compileCron(def.cron) };
  });
}

export function checkTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) {
    throw new JobError(`the store's time zone "${String(timeZone)}" is not an IANA name such as Africa/Johannesburg; jobs cannot be scheduled`);
  }
  return timeZone;
}
