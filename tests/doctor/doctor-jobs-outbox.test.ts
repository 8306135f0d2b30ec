// The scheduler and outbox checks on real files: jobs/state.json as the runner writes it, and a
// till's outbox whose calls were delivered to the Loyalty Plus simulator by the real Outbox (its
// acks and state files) while later ones still wait, dated by their sales.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/integrations/loyaltyplus/outbox/outbox.js';
import { ACCRUAL_JOB } from '../../src/jobs/accrual.js';
import { emptyJobState } from '../../src/jobs/job-state.js';
import { openStore } from '../../src/store/index.js';
import { clientFor, recordSale, startSim } from '../integrations/outbox-helpers.js';
import { bundleCli, tillpoint } from '../uploads/cli-bundle.js';
import { doctor, snapshot, tempRoot } from './helpers.js';

const HOUR = 60 * 60 * 1000;
let bundle: { file: string; remove(): void };
let root: string;

beforeAll(async () => {
  bundle = await bundleCli();
  root = tempRoot('tillpoint-doctor-jobs-');
}, 60_000);

afterAll(() => {
  bundle?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function newStore(name: string): string {
  const dir = path.join(root, name);
  const r = tillpoint(bundle.file, ['--data', dir, 'init']);
  if (r.code !== 0) throw new Error(r.stderr);
  return dir;
}

function writeJobs(dir: string, jobs: Record<string, ReturnType<typeof emptyJobState>>): void {
  fs.mkdirSync(path.join(dir, 'jobs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'jobs', 'state.json'), JSON.stringify({ version: 1, jobs }));
}

describe('doctor: scheduled jobs', () => {
  it('passes a job whose last run succeeded, warns on a failed last run, fails one stuck for more than two days', () => {
    const dir = newStore('jobs');
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const good = { ...emptyJobState(iso(now - 10 * 24 * HOUR)), lastSuccessAt: iso(now - 2 * HOUR), lastRunAt: iso(now - 2 * HOUR), lastResult: 'success' as const, lastFinishedAt: iso(now - 2 * HOUR) };
    writeJobs(dir, { [ACCRUAL_JOB]: good });
    let r = doctor(bundle.file, dir);
    expect(r.check('scheduler')).toMatchObject({ status: 'ok' });
    expect(r.check('scheduler').detail).toContain(`${ACCRUAL_JOB}: last run ${good.lastRunAt} (success)`);

    // The last run failed, but its last success is recent: a warning with the error.
    writeJobs(dir, { [ACCRUAL_JOB]: { ...good, lastRunAt: iso(now - HOUR), lastResult: 'failed', lastError: 'the books could not be read' } });
    r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    expect(r.check('scheduler').status).toBe('warning');
    expect(r.check('scheduler').detail).toContain('(failed): the books could not be read');
    expect(r.check('scheduler').fix).toContain('Utilities > Automation');

    // Nightly at 00:05, last success four days ago: its next night is more than two days late.
    writeJobs(dir, { [ACCRUAL_JOB]: { ...good, lastSuccessAt: iso(now - 4 * 24 * HOUR), lastRunAt: iso(now - HOUR), lastResult: 'failed', lastError: 'disk full' } });
    const before = snapshot(dir);
    r = doctor(bundle.file, dir);
    expect(r.code).toBe(1);
    const c = r.check('scheduler');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(new RegExp(`^${ACCRUAL_JOB} has not succeeded since .*: the run due .* is \\d+ days late; .*: disk full$`));
    expect(c.fix).toContain('tillpoint accrue');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('doctor: Loyalty Plus outbox', () => {
  it('ignores delivered calls and ages the oldest waiting one: over 1 h a warning, over 24 h a failure', async () => {
    const dir = path.join(root, 'outbox-store');
    const sim = await startSim();
    const store = await openStore(dir, { stderr: false });
    try {
      const w = store.claimTill('T1');
      const now = () => new Date();
      // Two sales delivered for real (their acks and the state file are the outbox's own).
      recordSale(w, 1500, new Date(Date.now() - 50 * HOUR).toISOString());
      recordSale(w, 2500, new Date(Date.now() - 49 * HOUR).toISOString());
      const client = clientFor(sim);
      const box = Outbox.open(store, 'T1', { client: () => client, now });
      await box.deliverDue();
      expect(box.status().waiting).toBe(0);
      await box.close();
      await client.close();
      // Then the service is away: this one waits.
      recordSale(w, 3500, new Date(Date.now() - 2 * HOUR).toISOString());
      w.release();
    } finally {
      store.close();
      await sim.close();
    }
    expect(fs.existsSync(path.join(dir, 'outbox', 'T1.acks.jsonl'))).toBe(true);
    let r = doctor(bundle.file, dir);
    let c = r.check('outbox');
    expect(c.status).toBe('warning');
    expect(c.detail).toMatch(/^till T1: 1 call\(s\) waiting, the oldest T1-000003:earn \(sale T1-000003\) for (119 min|2 h [01] min)$/);
    expect(c.fix).toContain('check the web service');
    expect(r.code).toBe(0);

    // A call from 30 hours ago still waiting (appended later, as a till offline for a day would).
    const again = await openStore(dir, { stderr: false });
    try {
      const w = again.claimTill('T1');
      recordSale(w, 4500, new Date(Date.now() - 30 * HOUR).toISOString());
      w.release();
    } finally {
      again.close();
    }
    r = doctor(bundle.file, dir);
    c = r.check('outbox');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/^till T1: 2 call\(s\) waiting, the oldest T1-000004:earn \(sale T1-000004\) for 30 h \d+ min: past 24 h it is flagged for reconciliation$/);
    expect(c.fix).toContain('reconcile the flagged sales with Loyalty Plus');
    expect(r.code).toBe(1);
  });
});
