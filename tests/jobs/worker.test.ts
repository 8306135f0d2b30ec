// runInWorker with a real worker thread doing CPU work: progress streams back while the main
// thread's event loop keeps running; abort terminates the worker; errors come back named.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { runInWorker, type JobProgress, type JobRunner } from '../../src/jobs/index.js';
import { quietStore, runnerFor, tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cpuJob = path.join(here, 'fixtures', 'cpu-job.mjs');

/** Timer ticks every 10 ms while `work` runs: the largest gap shows whether the loop was blocked. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; maxGap: number }> {
  const stamps: number[] = [performance.now()];
  const timer = setInterval(() => stamps.push(performance.now()), 10);
  try {
    const result = await work();
    stamps.push(performance.now());
    let maxGap = 0;
    for (let i = 1; i < stamps.length; i++) maxGap = Math.max(maxGap, stamps[i]! - stamps[i - 1]!);
    return { result, ticks: stamps.length - 2, maxGap };
  } finally {
    clearInterval(timer);
  }
}

describe('runInWorker', () => {
  it('streams progress while the main thread keeps answering its timer', async () => {
    const progress: (JobProgress & { t: number })[] = [];
    const started = performance.now();
    const { result, ticks, maxGap } = await ticksDuring(() =>
      runInWorker<{ steps: number; sum: string }>(cpuJob, { steps: 20, msPerStep: 40 }, { onProgress: (p) => progress.push({ ...p, t: performance.now() }), progressEveryMs: 0 }));
    const ended = performance.now();
    expect(result).toEqual({ steps: 20, sum: 'number' });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20, note: 'step 20' });
    // Progress arrived during the run, not all at the end.
    expect(progress[0]!.t - started).toBeLessThan((ended - started) / 2);
    // ~800 ms of CPU work: a free event loop ticks dozens of times and never stalls for long.
    expect(ticks).toBeGreaterThanOrEqual(20);
    expect(maxGap).toBeLessThan(300);
  });

  it('the same work on the main thread would have blocked it (the measure above means something)', async () => {
    const mod = (await import(pathToFileURL(cpuJob).href)) as { default: (d: unknown, c: { progress: () => void }) => Promise<unknown> };
    const { maxGap } = await ticksDuring(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return mod.default({ steps: 20, msPerStep: 40 }, { progress: () => undefined });
    });
    expect(maxGap).toBeGreaterThan(700);
  });

  it('progress is coalesced: at most one message per interval, and the last one always arrives', async () => {
    const seen: number[] = [];
    await runInWorker(cpuJob, { steps: 200, msPerStep: 1 }, { onProgress: (p) => seen.push(p.done), progressEveryMs: 50 });
    expect(seen.length).toBeLessThan(20);
    expect(seen.at(-1)).toBe(200);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  it('abort terminates the worker at once', async () => {
    const mark = path.join(tempDir(), 'steps.txt');
    const controller = new AbortController();
    const run = runInWorker(cpuJob, { steps: 100, msPerStep: 30, markFile: mark }, {
      signal: controller.signal,
      onProgress: (p) => { if (p.done === 3) controller.abort(new Error('the till is closing')); },
      progressEveryMs: 0,
    });
    const t0 = performance.now();
    await expect(run).rejects.toMatchObject({ name: 'AbortError', message: 'the till is closing' });
    expect(performance.now() - t0).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    const linesAtAbort = fs.readFileSync(mark, 'utf8').split('\n').filter(Boolean).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.readFileSync(mark, 'utf8').split('\n').filter(Boolean).length).toBe(linesAtAbort);
    expect(linesAtAbort).toBeLessThan(10);
    // An already aborted signal never starts a worker.
    await expect(runInWorker(cpuJob, { steps: 1, msPerStep: 1, markFile: mark }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a job that throws, or a module that is missing, rejects with the reason', async () => {
    await expect(runInWorker(cpuJob, { steps: 5, msPerStep: 1, failAt: 2 })).rejects.toMatchObject({ name: 'RangeError', message: 'step 2 found a debtor without an account' });
    await expect(runInWorker(path.join(here, 'fixtures', 'no-such-job.mjs'), {})).rejects.toThrow(/no-such-job\.mjs/);
  });
});

describe('a job whose body runs in a worker', () => {
  let store: Store | undefined;
  let runner: JobRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    store?.close();
  });

  it('shows the worker progress in status() and records success at the end', async () => {
    const dir = tempDir();
    store = await quietStore(dir);
    const seen: number[] = [];
    ({ runner } = runnerFor(store, [{
      name: 'accrue', cron: '0 2 * * *', catchUp: true,
      run: async (ctx) => {
        const r = await runInWorker<{ steps: number }>(cpuJob, { steps: 10, msPerStep: 20 }, {
          signal: ctx.signal, progressEveryMs: 0, onProgress: (p) => ctx.progress(p.done, p.total, p.note),
        });
        return `${r.steps} steps`;
      },
    }]));
    runner.onChange(() => {
      const p = runner!.status()[0]!.progress;
      if (p) seen.push(p.done);
    });
    await runner.start();
    expect(runner.status()[0]!.running).not.toBeNull();
    await runner.idle();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(runner.status()[0]).toMatchObject({ lastResult: 'success', lastNote: '10 steps', progress: null, running: null });
  });
});
