// Catch-up on a fake clock: missed slots run once (not once per slot), at start-up, on node-cron's
// execution:missed and after a wall-clock jump; nothing runs when nothing was missed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { readJobStates, type JobRunner } from '../../src/jobs/index.js';
import { quietStore, recordingJob, runnerFor, tempDir } from './helpers.js';

const HOUR = 3_600_000;
let dir: string;
let store: Store;
let runners: JobRunner[] = [];

beforeEach(async () => {
  dir = tempDir();
  store = await quietStore(dir);
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  vi.useRealTimers();
  store.close();
});

function track<T extends { runner: JobRunner }>(x: T): T {
  runners.push(x.runner);
  return x;
}

/** A first runner at `when` records a completed run of `job` (it never ran, so catchUp runs it). */
async function completedRunAt(when: string, cron = '0 2 * * *', tz = 'UTC'): Promise<void> {
  vi.setSystemTime(new Date(when));
  const first = recordingJob('accrue', cron, { catchUp: true });
  const { runner } = runnerFor(store, [first.def], { tz });
  await runner.start();
  await runner.idle();
  await runner.stop();
  expect(first.runs).toHaveLength(1);
  expect(readJobStates(dir).accrue?.lastSuccessAt).toBe(new Date(when).toISOString());
}

async function startAt(when: string, opts: { tz?: string; heartbeatMs?: number; catchUp?: boolean; cron?: string } = {}) {
  vi.setSystemTime(new Date(when));
  const job = recordingJob('accrue', opts.cron ?? '0 2 * * *', opts.catchUp === undefined ? {} : { catchUp: opts.catchUp });
  const r = track(runnerFor(store, [job.def], { ...(opts.tz ? { tz: opts.tz } : {}), ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}) }));
  await r.runner.start();
  await r.runner.idle();
  return { ...r, job };
}

describe('catch-up at start-up', () => {
  it('one slot missed: one run, for that slot', async () => {
    await completedRunAt('2025-03-09T09:00:00Z');
    const { job, runner } = await startAt('2025-03-10T09:00:00Z');
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-10T02:00:00.000Z']);
    const s = runner.status()[0]!;
    expect(s.lastReason).toBe('start-up');
    expect(s.lastSuccessAt).toBe('2025-03-10T09:00:00.000Z');
    expect(s.lastSlotAt).toBe('2025-03-10T02:00:00.000Z');
    expect(s.nextRunAt).toBe('2025-03-11T02:00:00.000Z');
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(job.runs).toHaveLength(1);
  });

  it('ten slots missed: still one run, for the latest slot', async () => {
    await completedRunAt('2025-03-09T09:00:00Z');
    const { job } = await startAt('2025-03-19T09:00:00Z');
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-19T02:00:00.000Z']);
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(job.runs).toHaveLength(1);
    expect(readJobStates(dir).accrue?.lastSuccessAt).toBe('2025-03-19T09:00:00.000Z');
  });

  it('nothing missed: no run until the next slot, which node-cron fires', async () => {
    await completedRunAt('2025-03-09T09:00:00Z');
    const { job, runner } = await startAt('2025-03-10T01:00:00Z');
    expect(job.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(HOUR - 1000);
    expect(job.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    await runner.idle();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-10T02:00:00.000Z']);
    expect(runner.status()[0]!.lastReason).toBe('scheduled');
  });

  it('month end and leap day: a monthly job on the last day catches up 29 February 2028 once', async () => {
    await completedRunAt('2028-02-10T12:00:00Z', '0 0 L * *');
    const { job } = await startAt('2028-03-05T12:00:00Z', { cron: '0 0 L * *' });
    expect(job.runs.map((r) => r.at)).toEqual(['2028-02-29T00:00:00.000Z']);
  });

  it('a job that never ran waits for its first slot unless it has catchUp', async () => {
    const { job, runner } = await startAt('2025-03-10T09:00:00Z', { catchUp: false });
    expect(job.runs).toHaveLength(0);
    expect(runner.status()[0]!.since).toBe('2025-03-10T09:00:00.000Z');
    await runner.stop();
    // The PC was off over the next slot: that slot fell after the job was first seen.
    const later = await startAt('2025-03-12T09:00:00Z', { catchUp: false });
    expect(later.job.runs.map((r) => r.at)).toEqual(['2025-03-12T02:00:00.000Z']);
  });
});

describe('time zone', () => {
  it('a daily 02:00 job in Africa/Johannesburg is due at 00:00 UTC; in UTC it is not yet', async () => {
    await completedRunAt('2025-03-09T03:00:00Z', '0 2 * * *', 'Africa/Johannesburg');
    const jhb = await startAt('2025-03-10T01:00:00Z', { tz: 'Africa/Johannesburg' });
    expect(jhb.job.runs.map((r) => r.at)).toEqual(['2025-03-10T00:00:00.000Z']);
    expect(jhb.runner.status()[0]!.nextRunAt).toBe('2025-03-11T00:00:00.000Z');
    await jhb.runner.stop();

    const utc = await startAt('2025-03-10T01:00:00Z', { tz: 'UTC' });
    expect(utc.job.runs).toHaveLength(0);
    expect(utc.runner.status()[0]!.nextRunAt).toBe('2025-03-10T02:00:00.000Z');
    await vi.advanceTimersByTimeAsync(HOUR + 1000);
    await utc.runner.idle();
    expect(utc.job.runs.map((r) => r.at)).toEqual(['2025-03-10T02:00:00.000Z']);
  });

  it('node-cron fires in the store zone: 02:00 Johannesburg is 00:00 UTC', async () => {
    await completedRunAt('2025-03-09T03:00:00Z', '0 2 * * *', 'Africa/Johannesburg');
    const { job, runner } = await startAt('2025-03-09T23:00:00Z', { tz: 'Africa/Johannesburg' });
    expect(job.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(HOUR + 500);
    await runner.idle();
    expect(job.runs.map((r) => [r.at, r.startedAt])).toEqual([['2025-03-10T00:00:00.000Z', '2025-03-10T00:00:00.000Z']]);
  });

  it('follows a change of the store time zone at the next heartbeat', async () => {
    vi.setSystemTime(new Date('2025-03-09T12:00:00Z'));
    let tz = 'UTC';
    const job = recordingJob('accrue', '0 2 * * *');
    const { runner, logs } = track(runnerFor(store, [job.def], { timeZone: () => tz }));
    await runner.start();
    expect(runner.status()[0]!.nextRunAt).toBe('2025-03-10T02:00:00.000Z');
    tz = 'Africa/Johannesburg';
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runner.status()[0]!.nextRunAt).toBe('2025-03-10T00:00:00.000Z');
    expect(logs.some((l) => l.includes('changed from UTC to Africa/Johannesburg'))).toBe(true);
    await vi.advanceTimersByTimeAsync(12 * HOUR);
    await runner.idle();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-10T00:00:00.000Z']);
  });
});

describe('missed slots while running', () => {
  it("node-cron's execution:missed (its timer fired days late) catches up once", async () => {
    await completedRunAt('2025-03-09T03:00:00Z');
    // A 48 h heartbeat keeps the jump detector out of this test: only node-cron reports here.
    const { job, runner } = await startAt('2025-03-09T12:00:00Z', { heartbeatMs: 48 * HOUR });
    expect(job.runs).toHaveLength(0);
    // The wall clock moves three days on while node-cron's timer still waits its 14 h.
    vi.setSystemTime(new Date('2025-03-12T11:00:00Z'));
    await vi.advanceTimersByTimeAsync(14 * HOUR);
    await runner.idle();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-12T02:00:00.000Z']);
    expect(runner.status()[0]!.lastReason).toBe('missed');
  });

  it('a wall-clock jump past a slot is seen by the heartbeat and caught up once', async () => {
    await completedRunAt('2025-03-09T03:00:00Z');
    const { job, runner, logs } = await startAt('2025-03-09T12:00:00Z');
    // A jump that passes no slot changes nothing.
    vi.setSystemTime(new Date('2025-03-09T14:00:00Z'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(job.runs).toHaveLength(0);
    // The PC slept (or the clock was set) past three slots.
    vi.setSystemTime(new Date('2025-03-12T20:00:00Z'));
    await vi.advanceTimersByTimeAsync(60_000);
    await runner.idle();
    expect(job.runs.map((r) => r.at)).toEqual(['2025-03-12T02:00:00.000Z']);
    expect(runner.status()[0]!.lastReason).toBe('clock-jump');
    expect(logs.some((l) => l.includes('(clock-jump)'))).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    expect(job.runs).toHaveLength(1);
    // node-cron's old timer (14 h of monotonic time from the start) would fire at 10:00 on the
    // 13th; re-armed at the jump, the next slot runs on time.
    await vi.advanceTimersByTimeAsync(HOUR);
    await runner.idle();
    expect(job.runs.map((r) => [r.at, r.startedAt])).toEqual([
      ['2025-03-12T02:00:00.000Z', '2025-03-12T20:01:00.000Z'],
      ['2025-03-13T02:00:00.000Z', '2025-03-13T02:00:00.000Z'],
    ]);
  });
});
