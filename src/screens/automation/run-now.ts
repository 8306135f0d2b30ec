// Why Run now cannot start the selected job from this screen, before the runner is asked (the
// runner itself refuses a job that is running or a process that does not hold the job lock).
import type { AutomationServices } from '../app-context.js';
import { NO_RUNNER_TEXT, STARTING_TEXT, type AutomationRow } from './automation-rows.js';

export function runNowRefusal(row: AutomationRow | undefined, automation: AutomationServices | undefined): string | null {
  if (!row) return 'There is no event to run';
  if (!automation) return NO_RUNNER_TEXT;
  const runner = automation.runner();
  if (runner === null) return STARTING_TEXT;
  if (!row.enabled) return `${row.name} is disabled: enable it (Enter) to run it`;
  if (!runner.status().some((s) => s.name === row.name)) {
    return `${row.name} is not scheduled yet (the schedules follow automation.json within a few seconds): try again in a moment`;
  }
  return null;
}
