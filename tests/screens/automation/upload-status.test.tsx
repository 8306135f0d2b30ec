// The till's top row says "Upload failed" while the last run of the Loyalty Plus sales event
// failed, and stops saying it once a later run succeeds: from the runner of this process, and
// from jobs/state.json when another process runs the jobs. A real store, real runners.
import type { ReactNode } from 'react';
import { Text } from 'ink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutomationJobs, type AutomationJobs, type EventJob } from '../../../src/jobs/automation-jobs.js';
import { emptyJobState, JobStateFile } from '../../../src/jobs/job-state.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import { useLpStatus } from '../../../src/screens/pos/lp-status.js';
import { createUploadWatch, UPLOAD_FAILED_TEXT, uploadStatusText } from '../../../src/screens/pos/upload-status.js';
import { writeLastUploadRun } from '../../../src/store/upload-last-run.js';
import { Shell } from '../../../src/screens/shell/shell.js';
import { ensureLoyaltyPlusSalesEvent } from '../../../src/store/automation.js';
import { LOYALTY_PLUS_SALES_EVENT } from '../../../src/store/automation-types.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { openTempStore, type TempStore } from '../forms/harness.js';
import { render, type Rendered } from '../render.js';

const EV = LOYALTY_PLUS_SALES_EVENT;
let t: TempStore;
let view: Rendered | undefined;
let jobs: AutomationJobs | undefined;
let holder: Store | null = null;
let lock: { release(): void } | null = null;

beforeEach(async () => {
  t = await openTempStore();
  await ensureLoyaltyPlusSalesEvent(t.store, new Date());
});

afterEach(async () => {
  view?.unmount();
  view = undefined;
  await jobs?.stop();
  jobs = undefined;
  lock?.release();
  lock = null;
  holder?.close();
  holder = null;
  t.cleanup();
});

/** The till's top row as the POS screen draws it: the Shell with the Loyalty Plus aside. */
function TopRow(): ReactNode {
  const aside = useLpStatus(undefined);
  return <Shell scope="global" aside={aside}><Text>TILL</Text></Shell>;
}

async function open(automation: AppServices['automation']): Promise<Rendered> {
  const services: AppServices = { store: t.store, till: null, tillId: 'T1', operator: 'ann', ...(automation ? { automation } : {}) };
  view = await render(null, { services, stack: [{ id: 'pos', title: 'Point of Sale', render: () => <TopRow /> }] });
  return view;
}

const topRow = (f: string): string => f.split('\n')[0] ?? '';

function controller(jobFor: EventJob, pollMs = 60_000): AutomationJobs {
  jobs = createAutomationJobs({ store: t.store, now: () => new Date(), builtIn: [], jobFor, pollMs, log: () => undefined });
  return jobs;
}

describe('the upload indicator', () => {
  it('shows after a failed upload run of this process and goes after a successful one', async () => {
    let fail = true;
    const c = controller((e) => ({
      name: e.name, cron: e.cron, catchUp: true,
      async run() {
        if (fail) throw new Error('connect: connection refused by 127.0.0.1:2222');
        return 'ok';
      },
    }));
    const v = await open(c);
    let f = await v.waitFor('TILL');
    expect(topRow(f)).not.toContain(UPLOAD_FAILED_TEXT);
    // The start-up catch-up of the never-run event fails.
    await c.start();
    await c.runner()!.idle();
    f = await v.waitFor((x) => topRow(x).includes(UPLOAD_FAILED_TEXT));
    expect(topRow(f)).toMatch(/Upload failed \| Back office \| ann/);
    fail = false;
    const answer = c.runner()!.runNow(EV);
    expect(answer.ok).toBe(true);
    if (answer.ok) expect((await answer.done).result).toBe('success');
    f = await v.waitFor((x) => x.includes('TILL') && !topRow(x).includes(UPLOAD_FAILED_TEXT));
    expect(topRow(f)).toContain('Back office | ann');
  });

  it('follows jobs/state.json when another process runs the jobs', async () => {
    holder = await openStore(t.dir, { stderr: false });
    lock = holder.claimJobs();
    expect(lock).not.toBeNull();
    const file = new JobStateFile(t.dir, () => undefined);
    const state = (result: 'failed' | 'success') => ({ [EV]: { ...emptyJobState('2026-06-01T08:00:00Z'), lastRunAt: '2026-06-01T09:00:00Z', lastFinishedAt: '2026-06-01T09:00:05Z', lastResult: result, lastReason: 'scheduled' as const } });
    const c = controller(() => null, 20);
    await c.start();
    expect(c.runner()!.active).toBe(false);
    const v = await open(c);
    await v.waitFor('TILL');
    file.save(state('failed'));
    await v.waitFor((x) => topRow(x).includes(UPLOAD_FAILED_TEXT));
    file.save(state('success'));
    const f = await v.waitFor((x) => x.includes('TILL') && !topRow(x).includes(UPLOAD_FAILED_TEXT));
    expect(topRow(f)).toContain('Back office | ann');
  });

  it('only a Loyalty Plus sales event counts, and only its last result', async () => {
    const file = new JobStateFile(t.dir, () => undefined);
    const base = emptyJobState('2026-06-01T08:00:00Z');
    file.save({ 'Accrue Loyalties': { ...base, lastResult: 'failed' }, [EV]: { ...base, lastResult: 'stopped' } });
    expect(uploadStatusText(t.store, undefined)).toBeUndefined();
    file.save({ [EV]: { ...base, lastResult: 'failed' } });
    expect(uploadStatusText(t.store, undefined)).toBe(UPLOAD_FAILED_TEXT);
  });

  it('a run from a shell counts too: whichever ended last decides, and the till sees it within its poll', async () => {
    const file = new JobStateFile(t.dir, () => undefined);
    const failedAt = (at: string) => ({ [EV]: { ...emptyJobState('2026-06-01T08:00:00Z'), lastFinishedAt: at, lastResult: 'failed' as const } });
    file.save(failedAt('2026-06-01T09:00:00Z'));
    const watch = createUploadWatch(t.store, undefined, 20);
    const seen: (string | undefined)[] = [];
    const off = watch.subscribe(() => seen.push(watch.get()));
    try {
      expect(watch.get()).toBe(UPLOAD_FAILED_TEXT);
      // `tillpoint upload` after the password was fixed, from an SSH session.
      writeLastUploadRun(t.dir, { at: '2026-06-01T09:05:00Z', ok: true });
      for (let i = 0; i < 100 && watch.get() !== undefined; i++) await new Promise((r) => setTimeout(r, 10));
      expect(watch.get()).toBeUndefined();
      expect(seen).toEqual([undefined]);
      // A later scheduled run fails again: it is the newer word.
      file.save(failedAt('2026-06-01T09:15:00Z'));
      expect(uploadStatusText(t.store, undefined)).toBe(UPLOAD_FAILED_TEXT);
      writeLastUploadRun(t.dir, { at: '2026-06-01T09:20:00Z', ok: false, kind: 'auth' });
      expect(uploadStatusText(t.store, undefined)).toBe(UPLOAD_FAILED_TEXT);
    } finally {
      off();
    }
  });
});
