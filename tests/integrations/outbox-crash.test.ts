// The outbox across crashes: a child process (fixtures/outbox-driver.ts, bundled with esbuild the
// way simulator-main.test.ts does) delivers till T1's outbox to the simulator running here, and is
// SIGKILLed twice: once while the provider has applied a call but not yet answered it, once in
// the middle of a backoff while the provider answers 500. A fresh child finishes the job. The
// simulator, which outlives the children, proves every earn was applied exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { Store } from '../../src/store/index.js';
import { configFor, readAcks, recordSale, SECRETS, startSim, tempStore } from './outbox-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-outbox-crash-'));
const driver = path.join(outdir, 'outbox-driver.mjs');
let sim: RunningSimulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'tests', 'integrations', 'fixtures', 'outbox-driver.ts')],
    outfile: driver, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'));
  sim = await startSim();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
});

interface Driver {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<unknown[]>;
}

function startDriver(dir: string, exitWhenDone = false): Driver {
  // A timeout well beyond the test's patience: a delayed answer is still awaited when the kill comes.
  const env = { ...process.env, OBX_STORE: dir, OBX_CONFIG: JSON.stringify(configFor(sim, 30)), OBX_EXIT_WHEN_DONE: exitWhenDone ? '1' : '0' };
  const proc = spawn(process.execPath, [driver], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const lines: string[] = [];
  let buf = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  return { proc, lines, stderr: () => err, exited: once(proc, 'exit') };
}

async function kill(d: Driver): Promise<void> {
  d.proc.kill('SIGKILL');
  const [code, signal] = await d.exited;
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
}

const earns = () => sim.counts().earn ?? 0;
const delivered = (dir: string) => readAcks(dir).filter((a) => a.result === 'delivered');
const poll = { timeout: 20_000, interval: 10 };

function appendSales(store: Store, n: number, amount: number): void {
  const w = store.claimTill('T1');
  try {
    for (let i = 0; i < n; i++) recordSale(w, amount, new Date().toISOString());
  } finally {
    w.release();
  }
}

it('applies every earn exactly once and acknowledges every entry across two SIGKILLs', async () => {
  const { dir, store } = await tempStore();
  appendSales(store, 20, 1000);

  // 1. Killed while the provider has applied a call and is sitting on its answer.
  const first = startDriver(dir);
  await expect.poll(() => delivered(dir).length, poll).toBeGreaterThanOrEqual(3);
  sim.setFaults({ delayMs: 60_000 });
  await expect.poll(() => earns() - delivered(dir).length, poll).toBe(1);
  await kill(first);
  const afterFirst = delivered(dir).length;
  expect(earns()).toBe(afterFirst + 1); // applied, never acknowledged

  // 2. Killed mid-backoff: the provider answers 500 and the head entry has been tried twice.
  sim.setFaults({ times: 0 });
  const second = startDriver(dir);
  await expect.poll(() => delivered(dir).length, poll).toBeGreaterThanOrEqual(afterFirst + 3);
  sim.setFaults({ status: 500 });
  await expect.poll(() => second.lines.some((l) => l.startsWith('S ') && JSON.parse(l.slice(2)).headAttempts >= 2), poll).toBe(true);
  await kill(second);
  const afterSecond = delivered(dir).length;
  expect(afterSecond).toBeLessThan(20);
  // The call the first child left unanswered was replayed, not applied again.
  expect(earns()).toBe(afterSecond);

  // 3. The provider is back, more sales came in meanwhile, and a fresh process finishes.
  sim.setFaults({ times: 0 });
  appendSales(store, 5, 2000);
  const third = startDriver(dir, true);
  const [code] = await third.exited;
  expect(code, third.stderr()).toBe(0);
  expect(third.lines).toContain('DONE');

  expect(earns()).toBe(25);
  const acks = readAcks(dir);
  const ids = Array.from({ length: 25 }, (_, i) => `T1-${String(i + 1).padStart(6, '0')}:earn`);
  expect(acks.map((a) => a.id)).toEqual(ids); // each entry acknowledged once, in order
  expect(acks.every((a) => a.result === 'delivered')).toBe(true);
  expect(sim.members()[0]!.points).toBe(20 * 10 + 5 * 20);
  // The killed children's outbox locks were taken over, and nothing secret reached the log.
  const all = [first, second, third].map((d) => d.stderr()).join('\n');
  expect(all).toMatch(/outbox of till T1 lock of process \d+ .* was stale/);
  for (const s of [SECRETS.secretStart, SECRETS.secretEnd]) expect(all).not.toContain(s);
  store.close();
});
