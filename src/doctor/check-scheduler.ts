// The scheduled jobs as jobs/state.json records them (read only, never repaired): each job's last
// run, its result and error. Every job of this build catches up missed slots (catchUp), so one
// whose first slot after its last success is more than two days past has been stuck that long.
import fs from 'node:fs';
import { ACCRUAL_JOB } from '../jobs/accrual.js';
import { compileCron, cronProblem } from '../jobs/cron-slots.js';
import { jobStatePath, readJobStates } from '../jobs/job-state.js';
import type { JobState } from '../jobs/types.js';
import type { SettingsDoc } from '../store/documents-types.js';
import { loyaltySettingsOf } from '../store/loyalty-settings.js';
import { ageText, fail, ok, warning, worst, type DoctorContext, type DoctorCheck, type Finding } from './types.js';

const OVERDUE_MS = 2 * 24 * 60 * 60 * 1000;

interface Expected { name: string; cron: string }

/** The jobs a till would schedule now: Accrue Loyalties and every enabled automation event. */
function expectedJobs(ctx: DoctorContext, settings: SettingsDoc): Expected[] {
  const jobs: Expected[] = [{ name: ACCRUAL_JOB, cron: loyaltySettingsOf(settings).accrualSchedule }];
  const automation = ctx.documents.read('automation');
  if (automation.ok) for (const e of automation.value.events) if (e.enabled) jobs.push({ name: e.name, cron: e.cron });
  return jobs;
}

/** The first slot after the last success (or after the job was first seen) that is still uncovered. */
function overdueSlot(job: Expected, s: JobState, zone: string): number | null {
  if (cronProblem(job.cron) !== null) return null;
  const base = Date.parse(s.lastSuccessAt ?? s.since);
  if (!Number.isFinite(base)) return null;
  try {
    return compileCron(job.cron).next(base, zone);
  } catch {
    return null;
  }
}

function jobFinding(job: Expected, s: JobState | undefined, zone: string, nowMs: number): Finding {
  const screen = 'Utilities > Automation';
  if (!s) return warning(`${job.name} has never run: jobs run only while a till or back office is open full screen`, `start tillpoint full screen on the store PC (it catches up at start); ${screen} shows the result`);
  const last = s.lastRunAt ? `last run ${s.lastRunAt} (${s.lastResult ?? 'running'})` : 'not run yet';
  const err = s.lastError ? `: ${s.lastError}` : '';
  const slot = overdueSlot(job, s, zone);
  if (s.running) return ok(`${job.name}: running since ${s.running.since}`);
  if (slot !== null && nowMs - slot > OVERDUE_MS) {
    const since = s.lastSuccessAt ? `has not succeeded since ${s.lastSuccessAt}` : 'has never succeeded';
    return fail(`${job.name} ${since}: the run due ${new Date(slot).toISOString()} is ${ageText(nowMs - slot)} late; ${last}${err}`,
      `start tillpoint full screen (it catches up at start) and watch ${screen}; if it fails again, fix the error it shows${job.name === ACCRUAL_JOB ? ' (tillpoint accrue runs it once by hand)' : ' (tillpoint upload runs it once and prints the reason)'}`);
  }
  if (s.lastResult === 'failed' || s.lastResult === 'interrupted') {
    return warning(`${job.name}: ${last}${err}`, `it is tried again at its next slot; open ${screen} (L shows its log) to see why, and fix that`);
  }
  return ok(`${job.name}: ${last}${s.nextRunAt ? `, next ${s.nextRunAt}` : ''}`);
}

export const schedulerCheck: DoctorCheck = {
  id: 'scheduler',
  title: 'Scheduled jobs',
  async run(ctx): Promise<Finding> {
    const settings = ctx.documents.settings();
    if (!settings) return warning('not checked: settings.json cannot be read', 'fix settings.json first (documents check)');
    const file = jobStatePath(ctx.dir);
    const exists = fs.existsSync(file);
    const states = readJobStates(ctx.dir);
    if (exists && Object.keys(states).length === 0) {
      let readable = true;
      try { JSON.parse(fs.readFileSync(file, 'utf8')); } catch { readable = false; }
      if (!readable) return warning('jobs/state.json cannot be read: the job history is lost', 'nothing to do: the next full-screen start begins the history again (jobs are safe to repeat)');
    }
    const jobs = expectedJobs(ctx, settings);
    if (!exists && jobs.length === 1) return ok(`no job has run yet (jobs run only while tillpoint is open full screen); ${ACCRUAL_JOB} runs at the first start`);
    return worst(jobs.map((j) => jobFinding(j, states[j.name], settings.company.timeZone, ctx.now().getTime())), '');
  },
};
