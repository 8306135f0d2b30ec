// Real processes: success is recorded only at the end of a run (SIGKILL mid-run leaves
// lastSuccessAt alone and the next start catches up once), and only one process runs jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJobStates, jobStatePath } from '../../src/jobs/index.js';
import { tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = path.join(here, 'fixtures', 'runner-child.mjs');
let bundle: string;

beforeAll(async () => {
  // tsx is not installed: children run plain node on a bundle of the store and the job runner.
  bundle = path.join(tempDir(), 'jobs-bundle.mjs');
  await build({
    stdin: { contents: "export * from './src/store/index.ts';\nexport * from './src/jobs/index.ts';\n", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent',
  });
});

interface Child {
  proc: ChildProcess;
  lines(): string[];
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Closes stdin (the child stops its runner and exits) and waits for the exit. */
  close(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(mode: string, dir: string, startIso?: string): Child {
  const proc = spawn(process.execPath, [fixture, bundle, mode, dir, ...(startIso ? [startIso] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  const lines = (): string[] => stdout.split('\n').filter((l) => l !== '');
  return {
    proc,
    lines,
    exited,
    waitFor: async (re, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines().find((l) => re.test(l));
        if (hit !== undefined) return hit;
        if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline) {
          throw new Error(`no line matching ${re} (stdout: ${JSON.stringify(lines())}, stderr: ${stderr})`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      proc.stdin!.end();
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('success is recorded only at the end of a run', () => {
  it('SIGKILL mid-run leaves lastSuccessAt alone; the next start catches up once', async () => {
    const dir = path.join(tempDir(), 'store');

    // 9 March: the job has never run, so (catchUp) it runs and completes.
    const a = start('daily-fast', dir, '2025-03-09T09:00:00Z');
    await a.waitFor(/^run /);
    expect((await a.close()).code).toBe(0);
    const afterA = readJobStates(dir).accrue!;
    expect(afterA.lastResult).toBe('success');
    expect(afterA.lastSuccessAt).toMatch(/^2025-03-09T09:00:00\./);

    // 10 March: the slot of 02:00 is due; the run is killed half-way.
    const b = start('daily-hang', dir, '2025-03-10T09:00:00Z');
    await b.waitFor(/^started 2025-03-10T02:00:00\.000Z$/);
    b.proc.kill('SIGKILL');
    expect((await b.exited).signal).toBe('SIGKILL');
    const raw = JSON.parse(fs.readFileSync(jobStatePath(dir), 'utf8')).jobs.accrue;
    expect(raw.lastSuccessAt).toBe(afterA.lastSuccessAt);
    expect(raw.running).toMatchObject({ pid: b.proc.pid, slot: '2025-03-10T02:00:00.000Z' });
    expect(raw.lastRunAt).toMatch(/^2025-03-10T09:00:00\./);
    expect(readJobStates(dir).accrue).toMatchObject({ lastSuccessAt: afterA.lastSuccessAt, lastResult: 'interrupted', running: null });

    // 12 March: three slots since the last success, one run.
    const c = start('daily-fast', dir, '2025-03-12T09:00:00Z');
    await c.waitFor(/^run /);
    await sleep(1500);
    expect((await c.close()).code).toBe(0);
    expect(c.lines().filter((l) => l.startsWith('run '))).toEqual([`run ${c.proc.pid} 2025-03-12T02:00:00.000Z`]);
    const afterC = readJobStates(dir).accrue!;
    expect(afterC).toMatchObject({ lastResult: 'success', lastSlotAt: '2025-03-12T02:00:00.000Z', running: null, lastError: null });
    expect(afterC.lastSuccessAt).toMatch(/^2025-03-12T09:00:00\./);
  });
});

describe('job lock', () => {
  it('two processes: only one runs jobs; the other takes over after the first is killed', async () => {
    const dir = path.join(tempDir(), 'store');
    const a = start('every-second', dir);
    await a.waitFor(/^active /);
    const b = start('every-second', dir);
    try {
      await b.waitFor(/^idle /);
      await sleep(2500);
      const runsOf = (c: Child, pid: number | undefined) => c.lines().filter((l) => l.startsWith(`run ${pid} `));
      expect(runsOf(a, a.proc.pid).length).toBeGreaterThanOrEqual(1);
      expect(runsOf(b, b.proc.pid)).toEqual([]);

      a.proc.kill('SIGKILL');
      await a.exited;
      const aRuns = runsOf(a, a.proc.pid).length;
      await b.waitFor(new RegExp(`^active ${b.proc.pid}$`), 10_000);
      await b.waitFor(new RegExp(`^run ${b.proc.pid} `), 10_000);
      // B's runs all come after it took over, and the slots never repeat across the two.
      const bLines = b.lines();
      expect(bLines.findIndex((l) => l.startsWith('run '))).toBeGreaterThan(bLines.findIndex((l) => l.startsWith('active ')));
      const slots = [...runsOf(a, a.proc.pid), ...runsOf(b, b.proc.pid)].map((l) => l.split(' ')[2]);
      expect(new Set(slots).size).toBe(slots.length);
      expect(aRuns).toBeGreaterThanOrEqual(1);
    } finally {
      if (a.proc.exitCode === null && a.proc.signalCode === null) a.proc.kill('SIGKILL');
      expect((await b.close()).code).toBe(0);
    }
  });
});
