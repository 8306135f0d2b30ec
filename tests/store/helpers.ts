// Shared test helpers: temp store folders, sample documents, and child processes that use the
// store from an esbuild bundle (tsx is not installed, so children run plain node).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { build } from 'esbuild';
import type { CompletedRefund, CompletedSale, OpenSale } from '../../src/engine/types.js';
import { openStore, StoreError, type Store } from '../../src/store/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const made: string[] = [];

afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The StoreError `fn` throws (fails the test when it throws something else or nothing). */
export function storeErrorOf(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}

export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-store-'));
  made.push(d);
  return d;
}

/** A store whose warnings are collected (and kept off stderr). */
export async function quietStore(dir: string, create = true): Promise<{ store: Store; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openStore(dir, { create, stderr: false, log: (l) => warnings.push(l) });
  return { store, warnings };
}

export function sampleSale(till: string, seq: number, total = 1999): CompletedSale {
  const saleNumber = `${till}-${String(seq).padStart(6, '0')}`;
  return {
    kind: 'sale', saleNumber, till, operator: 'system', startedAt: '2025-01-02T08:00:00.000Z', completedAt: '2025-01-02T08:01:00.000Z',
    lines: [{ lineNo: 1, itemCode: 'BREAD', barcode: '6001', description: 'Bread', qty: 1, unitPrice: total, taxRate: 1500, discount: 0, value: total }],
    voidedLines: 0, total, tax: [{ rate: 1500, gross: total, tax: Math.round((total * 1500) / 11500) }], taxTotal: Math.round((total * 1500) / 11500),
    tenders: [{ tenderCode: 'CASH', kind: 'cash', name: 'Cash', amount: total }], rounding: 0, change: 0,
  };
}

export function sampleRefund(till: string, seq: number, saleNumber: string, total = 1999): CompletedRefund {
  return {
    kind: 'refund', refundNumber: `${till}-${String(seq).padStart(6, '0')}`, saleNumber, till, operator: 'system', completedAt: '2025-01-03T09:00:00.000Z',
    lines: [{ lineNo: 1, itemCode: 'BREAD', description: 'Bread', qty: 1, taxRate: 1500, value: total }],
    total, tax: [{ rate: 1500, gross: total, tax: 261 }], taxTotal: 261, tenders: [{ tenderCode: 'CASH', kind: 'cash', name: 'Cash', amount: total }], rounding: 0,
  };
}

export function sampleOpenSale(till: string): OpenSale {
  return {
    id: 'os-1', till, operator: 'system', startedAt: '2025-01-02T08:00:00.000Z', nextLineId: 3,
    lines: [
      { id: 1, itemCode: 'BREAD', barcode: '6001', description: 'Bread', qty: 2, unitPrice: 1999, taxRate: 1500, discount: 0, voided: false },
      { id: 2, itemCode: 'MILK', barcode: '6002', description: 'Milk', qty: 1, unitPrice: 2599, taxRate: 1500, discount: 100, voided: true },
    ],
    tenders: [{ tenderCode: 'CARD', kind: 'card', name: 'Card', amount: 1000 }],
  };
}

/** Appends sale `seq` (and every `refundEvery`th record a refund of the sale before it). */
export function appendSales(store: Store, till: string, n: number): void {
  const w = store.claimTill(till);
  try {
    for (let i = 0; i < n; i++) {
      const seq = w.nextSeq();
      w.append({ kind: 'sale', operator: 'system', at: '2025-01-02T08:01:00.000Z', doc: sampleSale(till, seq, 100 + seq) });
    }
  } finally {
    w.release();
  }
}

let bundlePromise: Promise<string> | undefined;
/** Bundles src/store for child processes (once per test file). */
export function storeBundle(): Promise<string> {
  bundlePromise ??= (async () => {
    const out = path.join(tempDir(), 'store-bundle.mjs');
    await build({ entryPoints: [path.join(root, 'src/store/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'silent' });
    return out;
  })();
  return bundlePromise;
}

export const fixture = path.join(here, 'fixtures/child.mjs');

export interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line matching `re`. */
  waitFor(re: RegExp): Promise<string>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export async function startChild(...args: string[]): Promise<Child> {
  const bundle = await storeBundle();
  const proc = spawn(process.execPath, [fixture, bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of [...waiters]) {
      const line = stdout.split('\n').find((l) => w.re.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    proc,
    done,
    waitFor: (re) =>
      new Promise<string>((resolve, reject) => {
        const line = stdout.split('\n').find((l) => re.test(l));
        if (line !== undefined) return resolve(line);
        waiters.push({ re, resolve });
        void done.then((r) => reject(new Error(`child exited (${String(r.code ?? r.signal)}) before printing ${re}: ${r.stderr}`)));
      }),
  };
}

export async function runChild(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const c = await startChild(...args);
  c.proc.stdin!.end();
  return c.done;
}
