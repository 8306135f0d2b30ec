// The till's automation controller on a real store: one job per enabled automation event beside
// the built-in jobs, following automation.json without a restart of the till (an event added,
// disabled, rescheduled), never cutting a run short to reschedule, and a log line per run.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutomationJobs, type AutomationJobs, type EventJob } from '../../src/jobs/automation-jobs.js';
import { appendRunLog, readRunLog, runLogPath, type RunLogEntry } from '../../src/jobs/job-log.js';
import { readJobStates, type JobContext, type JobDef } from '../../src/jobs/index.js';
import { changeEvent, ensureLoyaltyPlusSalesEvent } from '../../src/store/automation.js';
import { LOYALTY_PLUS_SALES_EVENT } from '../../src/store/automation-types.js';
import type { Store } from '../../src/store/index.js';
import { quietStore, recordingJob, tempDir } from '../jobs/helpers.js';

let dir: string;
let store: Store;
let controllers: AutomationJobs[] = [];

beforeEach(async () => {
  dir = tempDir();
  store = await quietStore(dir);
  await store.edit('settings', (d) => {
    d.company.timeZone = 'UTC';
  });
});

afterEach(async () => {
  for (const c of controllers.splice(0)) await c.stop();
  store.close();
});

/** Event jobs that record their runs, per event name; `gate` holds a run open until released. */
function eventJobs() {
  const runs: Record<string, { at: string; reason?: string }[]> = {};
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  let failNext: string | null = null;
  const jobFor: EventJob = (e): JobDef => ({
    name: e.name, cron: e.cron, catchUp: true,
    async run(ctx: JobContext) {
      (runs[e.name] ??= []).push({ at: ctx.at.toISOString() });
      ctx.progress(1, 2, 'halfway');
      if (gate) await gate;
      if (failNext) {
        const m = failNext;
        failNext = null;
        throw new Error(m);
      }
      return `ran ${e.name}`;
    },
  });
  return {
    jobFor, runs,
    hold() { gate = new Promise<void>((resolve) => { open = resolve; }); },
    release() { gate = null; open?.(); },
    failNext(m: string) { failNext = m; },
  };
}

function controller(jobFor: EventJob, builtIn: JobDef[] = [], extra: { pollMs?: number; now?: () => Date } = {}): AutomationJobs {
  const logs: string[] = [];
  const c = createAutomationJobs({ store, now: extra.now ?? (() => new Date()), builtIn, jobFor, pollMs: extra.pollMs ?? 60_000, log: (m) => logs.push(m) });
  controllers.push(c);
  return c;
}

async function addEvent(name: string, cron: string, enabled = true): Promise<void> {
  await store.edit('automation', (d) => {
    d.events.push({ name, action: 'loyalty-plus-sales', cron, enabled, createdAt: new Date().toISOString() });
  });
}

describe('events become jobs', () => {
  it('schedules the built-in jobs and each enabled event; an event added while running is scheduled and caught up', async () => {
    const accrue = recordingJob('Accrue Loyalties', '0 2 * * *');
    const ev = eventJobs();
    await addEvent('Off_event', '0 3 * * *', false);
    const c = controller(ev.jobFor, [accrue.def]);
    await c.start();
    expect(c.scheduled()).toEqual(['Accrue Loyalties']);
    const first = c.runner();
    expect(first?.active).toBe(true);

    // "Setup Automation Events" while the till runs.
    const { created } = await ensureLoyaltyPlusSalesEvent(store, new Date());
    expect(created).toBe(true);
    await c.refresh();
    expect(c.scheduled()).toEqual(['Accrue Loyalties', LOYALTY_PLUS_SALES_EVENT]);
    expect(c.runner()).not.toBe(first);
    expect(c.runner()!.status().map((s) => [s.name, s.cron])).toEqual([['Accrue Loyalties', '0 2 * * *'], [LOYALTY_PLUS_SALES_EVENT, '*/15 * * * *']]);
    // A new event has never run: its catch-up runs it once at once.
    await c.runner()!.idle();
    expect(ev.runs[LOYALTY_PLUS_SALES_EVENT]).toHaveLength(1);
    expect(readJobStates(dir)[LOYALTY_PLUS_SALES_EVENT]?.lastResult).toBe('success');
    // Nothing changed: the runner is kept, nothing runs again.
    const kept = c.runner();
    await c.refresh();
    expect(c.runner()).toBe(kept);
    expect(ev.runs[LOYALTY_PLUS_SALES_EVENT]).toHaveLength(1);
    expect(accrue.runs).toHaveLength(0);
  });

  it('follows automation.json on its own poll, without being told', async () => {
    const ev = eventJobs();
    const c = controller(ev.jobFor, [], { pollMs: 20 });
    await c.start();
    expect(c.scheduled()).toEqual([]);
    await addEvent('Polled', '*/5 * * * *');
    for (let i = 0; i < 300 && !c.scheduled().includes('Polled'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.scheduled()).toEqual(['Polled']);
  });

  it('a disabled event is unscheduled and Run now refuses it; enabled again it is back with its new schedule', async () => {
    const ev = eventJobs();
    await ensureLoyaltyPlusSalesEvent(store, new Date());
    const c = controller(ev.jobFor);
    await c.start();
    await c.runner()!.idle();
    expect(c.scheduled()).toEqual([LOYALTY_PLUS_SALES_EVENT]);

    await changeEvent(store, LOYALTY_PLUS_SALES_EVENT, { enabled: false });
    await c.refresh();
    expect(c.scheduled()).toEqual([]);
    const refused = c.runner()!.runNow(LOYALTY_PLUS_SALES_EVENT);
    expect(refused).toEqual({ ok: false, reason: `there is no job named "${LOYALTY_PLUS_SALES_EVENT}"` });
    // Its history stays in jobs/state.json for the screen.
    expect(readJobStates(dir)[LOYALTY_PLUS_SALES_EVENT]?.lastResult).toBe('success');

    await changeEvent(store, LOYALTY_PLUS_SALES_EVENT, { enabled: true, cron: '0 */2 * * *' });
    await c.refresh();
    expect(c.runner()!.status().map((s) => [s.name, s.cron])).toEqual([[LOYALTY_PLUS_SALES_EVENT, '0 */2 * * *']]);
  });

  it('never cuts a run short to reschedule: the change waits until the run ends, and runs never overlap', async () => {
    const ev = eventJobs();
    await ensureLoyaltyPlusSalesEvent(store, new Date());
    const c = controller(ev.jobFor);
    await c.start();
    await c.runner()!.idle();
    const before = c.runner()!;
    ev.hold();
    const answer = before.runNow(LOYALTY_PLUS_SALES_EVENT);
    expect(answer.ok).toBe(true);
    expect(before.status()[0]!.progress).toEqual({ done: 1, total: 2, note: 'halfway' });

    await changeEvent(store, LOYALTY_PLUS_SALES_EVENT, { cron: '*/30 * * * *' });
    let followed = false;
    const refreshed = c.refresh().then(() => { followed = true; });
    // However often it is asked, the running runner stays until its run is over.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(followed).toBe(false);
    expect(c.runner()).toBe(before);
    expect(before.runNow(LOYALTY_PLUS_SALES_EVENT)).toMatchObject({ ok: false, reason: expect.stringContaining('is already running') });

    ev.release();
    const outcome = answer.ok ? await answer.done : null;
    expect(outcome?.result).toBe('success');
    await refreshed;
    expect(c.runner()).not.toBe(before);
    expect(c.runner()!.status()[0]!.cron).toBe('*/30 * * * *');
    expect(ev.runs[LOYALTY_PLUS_SALES_EVENT]).toHaveLength(2);
  });
});

describe('the run log', () => {
  it('gets one line per finished run, with reason, result, note and error (on a clock that stands still)', async () => {
    const ev = eventJobs();
    await ensureLoyaltyPlusSalesEvent(store, new Date());
    const fixed = () => new Date('2026-06-02T09:30:00.000Z');
    const c = controller(ev.jobFor, [], { now: fixed });
    await c.start();
    await c.runner()!.idle();
    ev.failNext('the server said no');
    const a = c.runner()!.runNow(LOYALTY_PLUS_SALES_EVENT);
    if (a.ok) await a.done;
    const b = c.runner()!.runNow(LOYALTY_PLUS_SALES_EVENT);
    if (b.ok) await b.done;
    const log = readRunLog(dir, LOYALTY_PLUS_SALES_EVENT);
    expect(log.map((e) => [e.reason, e.result, e.note, e.error])).toEqual([
      ['manual', 'success', `ran ${LOYALTY_PLUS_SALES_EVENT}`, null],
      ['manual', 'failed', null, 'the server said no'],
      ['start-up', 'success', `ran ${LOYALTY_PLUS_SALES_EVENT}`, null],
    ]);
    for (const e of log) expect([e.startedAt, e.finishedAt]).toEqual(['2026-06-02T09:30:00.000Z', '2026-06-02T09:30:00.000Z']);
    // A new till process reads the history that is there, and adds only its own runs.
    await c.stop();
    const again = controller(ev.jobFor, [], { now: fixed });
    await again.start();
    await again.runner()!.idle();
    expect(readRunLog(dir, LOYALTY_PLUS_SALES_EVENT)).toHaveLength(3);
  });

  it('is bounded: past its size it keeps the newest lines', () => {
    const entry = (i: number): RunLogEntry => ({ job: 'J', reason: 'scheduled', startedAt: new Date(i * 1000).toISOString(), finishedAt: new Date(i * 1000 + 1).toISOString(), result: 'success', note: `run ${i}`, error: null });
    for (let i = 0; i < 50; i++) appendRunLog(dir, entry(i), { maxBytes: 2_000, keepLines: 10 });
    expect(fs.statSync(runLogPath(dir)).size).toBeLessThanOrEqual(2_000 + 200);
    const log = readRunLog(dir, 'J');
    expect(log[0]!.note).toBe('run 49');
    expect(log.length).toBeLessThan(50);
    expect(log.length).toBeGreaterThanOrEqual(10);
    // Newest first and in order: nothing in the middle went missing.
    const numbers = log.map((e) => Number(e.note!.split(' ')[1]));
    expect(numbers).toEqual(numbers.map((_, i) => 49 - i));
  });
});
