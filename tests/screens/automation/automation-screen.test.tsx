// Utilities > Automation on a real store in a temp folder: the events listed, the schedule edited
// (a bad cron refused at the field, a good one saved to automation.json), enabled toggled, Run
// now through a real job runner (progress, result, refused while running, refused when another
// process holds the job lock) and the run log; and a session without a runner.
import { Text } from 'ink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutomationJobs, type AutomationJobs, type EventJob } from '../../../src/jobs/automation-jobs.js';
import { emptyJobState, JobStateFile } from '../../../src/jobs/job-state.js';
import type { JobDef } from '../../../src/jobs/types.js';
import { recordingJob } from '../../jobs/helpers.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import { AutomationScreen } from '../../../src/screens/automation/automation-screen.js';
import { NO_RUNNER_TEXT } from '../../../src/screens/automation/automation-rows.js';
import { ensureLoyaltyPlusSalesEvent } from '../../../src/store/automation.js';
import { LOYALTY_PLUS_SALES_EVENT } from '../../../src/store/automation-types.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { testRegistry } from '../kit/test-registry.js';
import { MENU_TEXT, openTempStore, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';
import { BACKSPACE, DOWN, ENTER, ESC, F10, F8, UP } from '../keys.js';
import { render, type Rendered } from '../render.js';

const EV = LOYALTY_PLUS_SALES_EVENT;
let t: TempStore;
let view: Rendered | undefined;
let jobs: AutomationJobs | undefined;
let other: { release(): void } | null = null;
let holder: Store | null = null;

beforeEach(async () => {
  t = await openTempStore();
  await t.store.edit('settings', (d) => {
    d.company.timeZone = 'UTC';
  });
  await ensureLoyaltyPlusSalesEvent(t.store, new Date('2026-06-01T08:00:00Z'));
});

afterEach(async () => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  view = undefined;
  await jobs?.stop();
  jobs = undefined;
  other?.release();
  other = null;
  holder?.close();
  holder = null;
  t.cleanup();
});

/** An event job that reports progress and waits for `release()` while `held`. */
function gatedJobs() {
  const g = { held: false, runs: 0, open: null as (() => void) | null };
  const jobFor: EventJob = (e) => ({
    name: e.name, cron: e.cron, catchUp: false,
    async run(ctx) {
      g.runs += 1;
      ctx.progress(3, 10, 'T1: uploading');
      if (g.held) await new Promise<void>((resolve) => { g.open = resolve; });
      return '1 file(s), 3 sale(s)';
    },
  });
  return { g, jobFor, release: () => { g.held = false; g.open?.(); } };
}

async function withRunner(jobFor: EventJob, builtIn: JobDef[] = []): Promise<AutomationJobs> {
  jobs = createAutomationJobs({ store: t.store, now: () => new Date(), builtIn, jobFor, pollMs: 60_000, log: () => undefined });
  await jobs.start();
  return jobs;
}

async function open(automation?: AppServices['automation']): Promise<Rendered> {
  const services: AppServices = { store: t.store, till: null, tillId: 'T1', operator: 'system', ...(automation ? { automation } : {}) };
  view = await render(null, {
    services,
    stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>{MENU_TEXT}</Text> },
      { id: 'utilities.automation', title: 'Automation', render: () => <AutomationScreen /> },
    ],
  });
  return view;
}

describe('Automation screen without a job runner', () => {
  it('lists the events and says why Run now is unavailable', async () => {
    const v = await open();
    const f = await v.waitFor(EV);
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Automation');
    expect(rowWith(f, EV)).toMatch(new RegExp(`${EV}\\s+\\*/15 \\* \\* \\* \\*\\s+Yes\\s+-\\s+never\\s+\\d\\d-\\d\\d \\d\\d:\\d\\d`));
    expect(f).toContain(NO_RUNNER_TEXT);
    await v.write(F8);
    // Said again on the status line, as an error.
    const after = await v.waitFor(`! ${NO_RUNNER_TEXT}`);
    expect(after.split('\n').filter((l) => l.includes(NO_RUNNER_TEXT))).toHaveLength(2);
  });

  it('edits the schedule: a bad cron is refused at the field, a good one saved to automation.json', async () => {
    const v = await open();
    await v.waitFor(EV);
    await v.write(ENTER);
    await v.waitFor('Schedule');
    await v.write(BACKSPACE.repeat(12));
    await v.write('every hour');
    let f = await v.waitFor('Schedule: ');
    expect(rowWith(f, '! Schedule:')).toContain('expected 5 fields');
    // The field itself carries the error mark while the text is wrong.
    expect(rowWith(f, 'every hour')).toMatch(/! Schedule\s+every hour/);
    await v.write(F10);
    f = await v.waitFor((x) => x.includes('Schedule: ') && !x.includes(MENU_TEXT));
    expect(t.onDisk('automation').events[0]!.cron).toBe('*/15 * * * *');
    expect(f).toContain('Enabled');

    await v.write(BACKSPACE.repeat(10));
    await v.write('0 */2 * * *');
    f = await v.waitFor('in UTC');
    expect(f).not.toContain('! Schedule:');
    await v.write(F10);
    f = await v.waitFor(`Saved ${EV}: 0 */2 * * *, enabled`);
    expect(rowWith(f, EV)).toMatch(/0 \*\/2 \* \* \*\s+Yes/);
    expect(t.onDisk('automation').events[0]).toMatchObject({ name: EV, cron: '0 */2 * * *', enabled: true });
  });

  it('toggles enabled; Esc in the edit leaves it unchanged; q leaves the screen', async () => {
    const v = await open();
    await v.waitFor(EV);
    await v.write(ENTER);
    await v.waitFor('Enabled');
    await v.write(ENTER); // to Enabled
    await v.write(' ');
    await v.write(ESC);
    await v.waitFor(`${EV}: not changed`);
    expect(t.onDisk('automation').events[0]!.enabled).toBe(true);

    await v.write(ENTER);
    await v.waitFor('Enabled');
    await v.write(ENTER);
    await v.write(' ');
    await v.write(F10);
    const f = await v.waitFor(`Saved ${EV}: */15 * * * *, disabled`);
    expect(rowWith(f, EV)).toMatch(/\*\/15 \* \* \* \*\s+No\s+-\s+never\s+off/);
    expect(t.onDisk('automation').events[0]!.enabled).toBe(false);
    await v.write('q');
    await v.waitFor(MENU_TEXT);
  });
});

describe('Automation screen on the till process job runner', () => {
  it('Run now runs through the runner with progress, is refused while running, shows the result and the log', async () => {
    const { g, jobFor, release } = gatedJobs();
    const accrue = recordingJob('Accrue Loyalties', '0 2 * * *');
    const c = await withRunner(jobFor, [accrue.def]);
    const v = await open(c);
    const first = await v.waitFor(`Scheduled jobs run in this process (pid ${process.pid})`);
    // The built-in job is listed after the events, read-only.
    expect(rowWith(first, 'Accrue Loyalties')).toMatch(/Accrue Loyalties\s+0 2 \* \* \*\s+Yes\s+-\s+never/);
    await v.write(DOWN);
    await v.write(ENTER);
    await v.waitFor('Accrue Loyalties is built into the till');
    await v.write(UP);
    g.held = true;
    await v.write(F8);
    let f = await v.waitFor('Running: 3/10 T1: uploading');
    expect(rowWith(f, EV)).toContain('running');
    await v.write(F8);
    f = await v.waitFor(`Run now refused: ${EV} is already running`);
    expect(g.runs).toBe(1);
    release();
    f = await v.waitFor(`${EV}: run finished: 1 file(s), 3 sale(s)`);
    expect(rowWith(f, EV)).toMatch(/Yes\s+\d\d-\d\d \d\d:\d\d\s+success/);
    expect(f).toContain('Last run (manual) succeeded');
    expect(g.runs).toBe(1);

    await v.write('l');
    f = await v.waitFor(`Run log of ${EV}: 1 run(s)`);
    expect(f).toMatch(/manual\s+success\s+\d+s\s+1 file\(s\), 3 sale\(s\)/);
    await v.write(ESC);
    await v.waitFor(`Scheduled jobs run in this process`);
  });

  it('a disabled event is refused with the reason, and a saved enable takes effect at once', async () => {
    const { g, jobFor } = gatedJobs();
    await t.store.edit('automation', (d) => {
      d.events[0]!.enabled = false;
    });
    const c = await withRunner(jobFor);
    const v = await open(c);
    await v.waitFor(EV);
    await v.write(F8);
    await v.waitFor(`${EV} is disabled: enable it (Enter) to run it`);
    await v.write(ENTER);
    await v.waitFor('Enabled');
    await v.write(ENTER);
    await v.write(' ');
    await v.write(F10);
    await v.waitFor(`Saved ${EV}: */15 * * * *, enabled`);
    // The screen asked the jobs to follow automation.json: the event is scheduled now.
    for (let i = 0; i < 200 && !c.scheduled().includes(EV); i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.scheduled()).toEqual([EV]);
    await v.write(F8);
    await v.waitFor(`${EV}: run finished`);
    expect(g.runs).toBe(1);
  });

  it('with the job lock held by another process: states from jobs/state.json, Run now refused with where they run', async () => {
    // Another till process (a second handle on the folder): it holds the job lock and wrote the last run's state.
    holder = await openStore(t.dir, { stderr: false });
    other = holder.claimJobs();
    expect(other).not.toBeNull();
    new JobStateFile(t.dir, () => undefined).save({
      [EV]: { ...emptyJobState('2026-06-01T08:00:00Z'), lastRunAt: '2026-06-01T09:00:00Z', lastFinishedAt: '2026-06-01T09:00:05Z', lastResult: 'failed', lastReason: 'scheduled', lastError: 'connect: connection refused by 127.0.0.1:2222' },
    });
    const { g, jobFor } = gatedJobs();
    const c = await withRunner(jobFor);
    expect(c.runner()!.active).toBe(false);
    const v = await open(c);
    let f = await v.waitFor(`Scheduled jobs run in process ${process.pid}: use Run now there`);
    expect(rowWith(f, EV)).toMatch(/Yes\s+06-01 09:00\s+failed/);
    expect(f).toContain('Last run failed at 2026-06-01 09:00: connect: connection refused by 127.0.0');
    await v.write(F8);
    f = await v.waitFor('Run now refused: scheduled jobs run in another process');
    expect(g.runs).toBe(0);
  });
});


describe('Utilities > Automation in the menu', () => {
  it('opens the screen from the Utilities menu (u, a); Esc goes back to the menu', async () => {
    view = await render(null, {
      services: { store: t.store, till: null, tillId: 'T1', operator: 'system' },
      stack: [mainMenuEntry({ ...testRegistry, automation: AutomationScreen }, { till: null })],
    });
    await view.waitFor('Utilities');
    await view.write('u');
    const menu = await view.waitFor('Main Menu › Utilities');
    expect(rowWith(menu, 'Automation')).toContain('scheduled events');
    await view.write('a');
    await view.waitFor('Main Menu › Utilities › Automation');
    await view.waitFor(EV);
    await view.write(ESC);
    await view.waitFor((f) => f.includes('Loyalty Plus Outbox') && !f.includes(EV));
  });

  it('is offered disabled by a registry without the screen', async () => {
    view = await render(null, { services: { store: t.store, till: null, tillId: 'T1', operator: 'system' }, stack: [mainMenuEntry(testRegistry, { till: null })] });
    await view.write('u');
    await view.waitFor('Automation');
    await view.write('a');
    await view.waitFor('Automation: not available in this session');
  });
});
