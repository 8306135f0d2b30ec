// The runner's rules on a fake clock: validation, no overlap, Run now, failures and stopping,
// one runner per store, progress for screens.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createJobRunner, JobError, jobStatePath, readJobStates, type JobRunner } from '../../src/jobs/index.js';
import { quietStore, recordingJob, runnerFor, tempDir } from './helpers.js';

let dir: string;
let store: Store;
const runners: JobRunner[] = [];

beforeEach(async () => {
  dir = tempDir();
  store = await quietStore(dir);
  vi.useFakeTimers({ now: new Date('2025-03-10T09:00:00.250Z') });
});

afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  vi.useRealTimers();
  store.close();
});

function started(jobs: Parameters<typeof runnerFor>[1], extra: Parameters<typeof runnerFor>[2] = {}) {
  const r = runnerFor(store, jobs, extra);
  runners.push(r.runner);
  return r;
}

describe('job definitions', () => {
  const base = { store: undefined as unknown as Store, now: () => new Date(), timeZone: () => 'UTC' };
  const run = async () => undefined;

  it('refuses a bad cron expression naming the job and the field', () => {
    expect(() => createJobRunner({ ...base, store, jobs: [{ name: 'accrue', cron: '0 25 * * *', run }] })).toThrow(
      new JobError('job "accrue": schedule "0 25 * * *" is not a valid cron expression: the hour field "25" is not valid (allowed: 0-23, *, */N, ranges and lists)'),
    );
    expect(() => createJobRunner({ ...base, store, jobs: [{ name: 'upload', cron: 'every day', run }] })).toThrow(/job "upload": schedule "every day" is not a valid cron expression: expected 5 or 6 fields but got 2/);
    expect(() => createJobRunner({ ...base, store, jobs: [{ name: 'x', cron: '0 0 31 2 *', run }] })).toThrow(/day of month "31" never occurs in month "2"/);
  });

  it('refuses unnamed and duplicate jobs, and a time zone that is not IANA', async () => {
    expect(() => createJobRunner({ ...base, store, jobs: [{ name: ' ', cron: '* * * * *', run }] })).toThrow(/job 1 has no name/);
    expect(() => createJobRunner({ ...base, store, jobs: [{ name: 'a', cron: '* * * * *', run }, { name: 'a', cron: '0 * * * *', run }] })).toThrow(/job "a" is defined twice/);
    const r = createJobRunner({ ...base, store, timeZone: () => 'Mars/Olympus', jobs: [{ name: 'a', cron: '* * * * *', run }] });
    await expect(r.start()).rejects.toThrow(/time zone "Mars\/Olympus" is not an IANA name/);
    expect(r.active).toBe(false);
  });
});

describe('running', () => {
  it('never runs a job twice at once: an every-second job that takes 3.5 s runs back to back', async () => {
    const job = recordingJob('slow', '* * * * * *', { ms: 3500 });
    const { runner } = started([job.def]);
    await runner.start();
    for (let i = 0; i < 100; i++) await vi.advanceTimersByTimeAsync(100);
    await runner.stop();
    expect(job.maxConcurrent()).toBe(1);
    // 01 runs on schedule; 02-04 fall during it and are made up once (slot 04) when it ends at
    // 04.5; 05-08 likewise (slot 08) at 08.0. Never one run per missed slot.
    expect(job.runs.map((r) => [r.at.slice(17, 23), r.startedAt.slice(17, 23)])).toEqual([
      ['01.000', '01.000'],
      ['04.000', '04.500'],
      ['08.000', '08.000'],
    ]);
    expect(readJobStates(dir).slow).toMatchObject({ lastReason: 'overlap', lastResult: 'stopped', lastSlotAt: '2025-03-10T09:00:04.000Z' });
  });

  it('Run now is refused with a reason while the job runs, and runs it when idle', async () => {
    const job = recordingJob('accrue', '0 2 * * *', { ms: 10_000 });
    const { runner } = started([job.def]);
    await runner.start();
    const first = runner.runNow('accrue');
    expect(first.ok).toBe(true);
    expect(runner.status()[0]!.running).toMatchObject({ pid: process.pid, reason: 'manual' });
    const second = runner.runNow('accrue');
    expect(second).toEqual({ ok: false, reason: 'accrue is already running (since 2025-03-10T09:00:00.250Z); wait for it to finish' });
    expect(runner.runNow('nope')).toEqual({ ok: false, reason: 'there is no job named "nope"' });
    await vi.advanceTimersByTimeAsync(10_000);
    if (!first.ok) throw new Error('unreachable');
    await expect(first.done).resolves.toEqual({ result: 'success' });
    expect(job.runs).toHaveLength(1);
    expect(readJobStates(dir).accrue).toMatchObject({ lastSuccessAt: '2025-03-10T09:00:00.250Z', lastResult: 'success', lastReason: 'manual', running: null });
    expect(runner.runNow('accrue').ok).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    await runner.idle();
    expect(job.runs).toHaveLength(2);
  });

  it('a run that throws records its error and no success, and is not retried in a loop', async () => {
    const job = recordingJob('accrue', '0 2 * * *', { catchUp: true, fail: 'ledger account 9999 is missing' });
    const { runner, logs } = started([job.def]);
    await runner.start();
    await runner.idle();
    expect(job.runs).toHaveLength(1);
    const s = readJobStates(dir).accrue!;
    expect(s).toMatchObject({ lastSuccessAt: null, lastResult: 'failed', lastError: 'ledger account 9999 is missing', lastRunAt: '2025-03-10T09:00:00.250Z', running: null });
    expect(logs).toContain('job accrue failed: ledger account 9999 is missing');
    // A clock jump within the same slot does not retry the failed slot...
    vi.setSystemTime(new Date('2025-03-10T20:00:00Z'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(job.runs).toHaveLength(1);
    // ...the next slot does.
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await runner.idle();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-10T02:00:00.000Z', '2025-03-11T02:00:00.000Z']);
  });

  it('stop() aborts a running job (no success recorded) and releases the job lock', async () => {
    const job = recordingJob('accrue', '0 2 * * *', { catchUp: true, untilAborted: true });
    const { runner } = started([job.def]);
    await runner.start();
    expect(job.runs).toHaveLength(1);
    expect(runner.active).toBe(true);
    expect(store.claimJobs()).toBeNull();
    await runner.stop();
    expect(runner.active).toBe(false);
    const s = readJobStates(dir).accrue!;
    expect(s.lastSuccessAt).toBeNull();
    expect(s.lastResult).toBe('stopped');
    expect(s.lastError).toMatch(/stopped before it finished/);
    expect(s.running).toBeNull();
    const lock = store.claimJobs();
    expect(lock).not.toBeNull();
    lock!.release();
  });

  it('progress reaches status() and onChange listeners, and is cleared at the end', async () => {
    const { runner } = started([{
      name: 'upload', cron: '0 2 * * *', catchUp: true,
      run: async (ctx) => {
        ctx.progress(1, 3, 'till T1');
        await new Promise((r) => setTimeout(r, 1000));
        ctx.progress(2, 3, 'till T2');
        await new Promise((r) => setTimeout(r, 1000));
        return '3 files uploaded';
      },
    }]);
    const seen: string[] = [];
    runner.onChange(() => {
      const p = runner.status()[0]!.progress;
      if (p) seen.push(`${p.done}/${p.total} ${p.note ?? ''}`);
    });
    await runner.start();
    expect(runner.status()[0]!.progress).toEqual({ done: 1, total: 3, note: 'till T1' });
    await vi.advanceTimersByTimeAsync(2000);
    await runner.idle();
    expect(seen).toEqual(['1/3 till T1', '2/3 till T2']);
    expect(runner.status()[0]).toMatchObject({ progress: null, lastNote: '3 files uploaded', lastResult: 'success' });
  });
});

describe('one runner per store', () => {
  it('a second runner stays idle, refuses Run now, shows the holder\'s state, and takes over when the first stops', async () => {
    const a = recordingJob('accrue', '0 2 * * *', { catchUp: true });
    const b = recordingJob('accrue', '0 2 * * *', { catchUp: true });
    const first = started([a.def]);
    await first.runner.start();
    await first.runner.idle();
    const other = await quietStore(dir);
    try {
      const second = runnerFor(other, [b.def], { lockRetryMs: 1000 });
      runners.push(second.runner);
      await second.runner.start();
      expect(second.runner.active).toBe(false);
      expect(b.runs).toHaveLength(0);
      expect(second.runner.runNow('accrue')).toEqual({ ok: false, reason: `scheduled jobs run in another process (pid ${process.pid}); use Run now there` });
      expect(second.runner.status()[0]).toMatchObject({ lastResult: 'success', lastSuccessAt: '2025-03-10T09:00:00.250Z' });

      // The holder closes; the next slot passes while nobody holds the lock.
      await first.runner.stop();
      vi.setSystemTime(new Date('2025-03-11T09:00:00Z'));
      await vi.advanceTimersByTimeAsync(1000);
      await second.runner.idle();
      expect(second.runner.active).toBe(true);
      expect(b.runs.map((r) => r.at)).toEqual(['2025-03-11T02:00:00.000Z']);
      expect(a.runs).toHaveLength(1);
      await second.runner.stop();
    } finally {
      other.close();
    }
  });

  it('a run left "running" by a dead process is shown as interrupted and caught up', async () => {
    fs.mkdirSync(`${dir}/jobs`, { recursive: true });
    const dead = 2 ** 22 - 3;
    fs.writeFileSync(jobStatePath(dir), JSON.stringify({
      version: 1,
      jobs: { accrue: { since: '2025-03-01T00:00:00.000Z', lastSuccessAt: '2025-03-09T03:00:00.000Z', running: { pid: dead, since: '2025-03-10T02:00:00.000Z', slot: '2025-03-10T02:00:00.000Z', reason: 'scheduled' } } },
    }));
    expect(readJobStates(dir).accrue).toMatchObject({ running: null, lastResult: 'interrupted' });
    const job = recordingJob('accrue', '0 2 * * *', { ms: 1000 });
    const { runner } = started([job.def]);
    await runner.start();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-10T02:00:00.000Z']);
    await vi.advanceTimersByTimeAsync(1000);
    await runner.idle();
    expect(readJobStates(dir).accrue).toMatchObject({ lastResult: 'success', lastSuccessAt: '2025-03-10T09:00:00.250Z', running: null });
  });
});
