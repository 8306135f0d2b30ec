// Text of Utilities > Automation, apart from the keys so it is tested without Ink: where the
// jobs run, one row per event (and per built-in job), the selected row's detail and its log.
import { compileCron, cronProblem } from '../../jobs/cron-slots.js';
import { jobLockHolder } from '../../jobs/job-lock.js';
import type { RunLogEntry } from '../../jobs/job-log.js';
import { readJobStates } from '../../jobs/job-state.js';
import type { JobProgress, JobRunner, JobState } from '../../jobs/types.js';
import type { AutomationEvent } from '../../store/automation-types.js';
import type { Store } from '../../store/index.js';
import type { AutomationServices } from '../app-context.js';
import { fit, localStamp } from '../loyalties/format.js';

export interface AutomationRow {
  name: string;
  /** An automation event (editable) or a job built into the till (read-only here). */
  kind: 'event' | 'built-in';
  cron: string;
  enabled: boolean;
  state: JobState | null;
  progress: JobProgress | null;
}

export type JobsSource =
  | { kind: 'here'; runner: JobRunner }
  | { kind: 'elsewhere'; runner: JobRunner; pid: number | null }
  | { kind: 'none' }
  | { kind: 'starting' };

export const NO_RUNNER_TEXT = 'This session runs no jobs: Run now is unavailable (the till UI runs them)';
export const STARTING_TEXT = 'The scheduled jobs start a few seconds after the till: try again in a moment';

export function jobsSource(store: Store, automation: AutomationServices | undefined): JobsSource {
  if (!automation) return { kind: 'none' };
  const runner = automation.runner();
  // The UI starts its jobs a moment after the first frame.
  if (runner === null) return { kind: 'starting' };
  if (runner.active) return { kind: 'here', runner };
  return { kind: 'elsewhere', runner, pid: jobLockHolder(store.dir) };
}

export function sourceText(source: JobsSource): string {
  if (source.kind === 'here') return `Scheduled jobs run in this process (pid ${process.pid})`;
  if (source.kind === 'elsewhere') {
    return source.pid === null
      ? 'Waiting for the job lock: scheduled jobs are not running in this process'
      : `Scheduled jobs run in process ${source.pid}: use Run now there`;
  }
  return source.kind === 'starting' ? STARTING_TEXT : NO_RUNNER_TEXT;
}

/** Events in automation.json order, then the runner's other jobs; states from the runner when it holds the lock. */
export function automationRows(store: Store, events: readonly AutomationEvent[], source: JobsSource): AutomationRow[] {
  const live = source.kind === 'here' ? new Map(source.runner.status().map((s) => [s.name, s])) : new Map();
  // The runner repaints this on every progress step: read the file only for what it lacks (a disabled event).
  const file = events.every((e) => live.has(e.name)) && source.kind === 'here' ? {} : readJobStates(store.dir);
  const rows: AutomationRow[] = events.map((e) => {
    const s = live.get(e.name);
    return { name: e.name, kind: 'event', cron: e.cron, enabled: e.enabled, state: s ?? file[e.name] ?? null, progress: s?.progress ?? null };
  });
  if (source.kind === 'here' || source.kind === 'elsewhere') {
    const names = new Set(events.map((e) => e.name));
    for (const s of source.runner.status()) {
      if (names.has(s.name)) continue;
      const state = live.get(s.name) ?? file[s.name] ?? null;
      rows.push({ name: s.name, kind: 'built-in', cron: s.cron, enabled: true, state, progress: live.get(s.name)?.progress ?? null });
    }
  }
  return rows;
}

// Columns after the two-column selection mark: 26+13+4+12+8+11 = 74, inside the 76 an 80-column
// terminal leaves (an event name of 25 characters, IQEvent_LoyaltyPlus_Sales, fits whole).
// Stamps drop the year ("05-19 08:00"): the rows are about this week.
const W = { name: 26, cron: 13, on: 4, last: 12, result: 8 };
/** A column with at least one space after it, so a long value never runs into the next. */
const col = (text: string, width: number): string => `${fit(text, width - 1)} `;

export function columnsHeader(): string {
  return `  ${col('Event', W.name)}${col('Schedule', W.cron)}${col('On', W.on)}${col('Last run', W.last)}${col('Result', W.result)}Next run`;
}

const short = (iso: string | null, timeZone: string): string => (iso === null ? '-' : localStamp(iso, timeZone).slice(5));

export function nextRunOf(row: AutomationRow, nowMs: number, timeZone: string): string | null {
  if (!row.enabled) return null;
  if (row.state?.nextRunAt) return row.state.nextRunAt;
  if (cronProblem(row.cron) !== null) return null;
  const next = compileCron(row.cron).next(nowMs, timeZone);
  return next === null ? null : new Date(next).toISOString();
}

export function resultText(row: AutomationRow): string {
  if (row.state?.running) return 'running';
  return row.state?.lastResult ?? 'never';
}

export function rowText(row: AutomationRow, nowMs: number, timeZone: string, mark: string): string {
  const next = row.enabled ? short(nextRunOf(row, nowMs, timeZone), timeZone) : 'off';
  return `${mark} ${col(row.name, W.name)}${col(row.cron, W.cron)}${col(row.enabled ? 'Yes' : 'No', W.on)}${col(short(row.state?.lastRunAt ?? null, timeZone), W.last)}${col(resultText(row), W.result)}${next}`;
}

/** "12/40 T1: uploading" while running; "Running since ..." without progress. */
export function progressText(p: JobProgress): string {
  return `${p.done}/${p.total}${p.note ? ` ${p.note}` : ''}`;
}

/** The selected row's detail: progress while it runs, else what its last run said. */
export function detailText(row: AutomationRow | undefined, timeZone: string): string {
  if (!row) return 'No automation events yet: Setup Automation Events (Loyalty Plus Loyalty Uploads) creates one';
  const s = row.state;
  if (s?.running) {
    const where = s.running.pid === process.pid ? '' : ` in process ${s.running.pid}`;
    return row.progress ? `Running: ${progressText(row.progress)}` : `Running since ${localStamp(s.running.since, timeZone)}${where}`;
  }
  const builtIn = row.kind === 'built-in' ? ' (built in: set up in its own screen)' : '';
  if (!s || s.lastResult === null) return `${row.name}: has not run yet${builtIn}`;
  const when = s.lastFinishedAt ? ` at ${localStamp(s.lastFinishedAt, timeZone)}` : '';
  if (s.lastResult === 'success') return `Last run (${s.lastReason ?? 'scheduled'}) succeeded${when}${s.lastNote ? `: ${s.lastNote}` : ''}`;
  return `Last run ${s.lastResult}${when}: ${s.lastError ?? 'no reason recorded'}`;
}

export function logHeader(): string {
  return `  ${col('Started', 17)}${col('Reason', 11)}${col('Result', 12)}${col('Took', 6)}Note or error`;
}

const took = (e: RunLogEntry): string => {
  const ms = Date.parse(e.finishedAt) - Date.parse(e.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '-';
  return ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)}m`;
};

export function logRowText(e: RunLogEntry, timeZone: string): string {
  const why = e.result === 'success' ? (e.note ?? '') : (e.error ?? '');
  return `  ${col(localStamp(e.startedAt, timeZone), 17)}${col(e.reason, 11)}${col(e.result, 12)}${col(took(e), 6)}${why}`;
}
