// Long job bodies (accrual over a million sales, building upload files) run in a worker thread:
// on the till's thread they would freeze the screen (PITFALLS.md, lowdb section). The worker
// streams progress back; aborting terminates it at once, wherever it is (jobs are idempotent).
//
// The job module is a plain ES module on disk (a bundle entry of its own in production) whose
// default export (or export `run`) is `async (data, { progress }) => result`. `data` and the
// result must be structured-cloneable.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from './types.js';

export interface WorkerRunOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
  /** Least time between two progress messages (the worker keeps the latest). Default 50 ms. */
  progressEveryMs?: number;
  /** Heap limits of the worker (a run past them fails with ERR_WORKER_OUT_OF_MEMORY). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

// The bootstrap is evaluated rather than shipped as a file, so the single-file bundle needs no
// extra entry for it; only the job module itself must be a file.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
let last = 0;
let pending = null;
const flush = () => { if (pending) { parentPort.postMessage(pending); pending = null; last = Date.now(); } };
const progress = (done, total, note) => {
  pending = { type: 'progress', done: Number(done), total: Number(total), ...(note === undefined ? {} : { note: String(note) }) };
  if (Number(done) >= Number(total) || Date.now() - last >= workerData.every) flush();
};
import(workerData.url)
  .then(async (mod) => {
    const fn = typeof mod.default === 'function' ? mod.default : mod.run;
    if (typeof fn !== 'function') throw new Error(workerData.url + ' exports no default function (or run)');
    const result = await fn(workerData.data, { progress });
    flush();
    parentPort.postMessage({ type: 'done', result });
  })
  .catch((err) => {
    flush();
    parentPort.postMessage({ type: 'error', name: (err && err.name) || 'Error', message: String((err && err.message) || err) });
  });
`;

type Message =
  | { type: 'progress'; done: number; total: number; note?: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; name: string; message: string };

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  const err = new Error(reason instanceof Error ? reason.message : 'the job was stopped');
  err.name = 'AbortError';
  return err;
}

function moduleUrl(modulePath: string | URL): string {
  if (modulePath instanceof URL) return modulePath.href;
  if (modulePath.startsWith('file:')) return modulePath;
  return pathToFileURL(path.resolve(modulePath)).href;
}

export function runInWorker<R = unknown>(modulePath: string | URL, data: unknown, opts: WorkerRunOptions = {}): Promise<R> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise<R>((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { url: moduleUrl(modulePath), data, every: opts.progressEveryMs ?? 50 },
      ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}) });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      // A job module that leaves a timer or socket open would keep its thread alive.
      void worker.terminate();
    };
    const onAbort = (): void => settle(() => reject(abortError(signal!)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: Message) => {
      if (settled) return;
      if (m.type === 'progress') {
        try {
          onProgress?.(m.note === undefined ? { done: m.done, total: m.total } : { done: m.done, total: m.total, note: m.note });
        } catch { /* a screen's listener must not kill the job */ }
      } else if (m.type === 'done') {
        settle(() => resolve(m.result as R));
      } else {
        const err = new Error(m.message);
        err.name = m.name;
        settle(() => reject(err));
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the job's worker stopped (exit code ${code}) before it finished`))));
  });
}
