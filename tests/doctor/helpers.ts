// Shared by the doctor tests: the real command line (bundled from the sources), a store made by
// it with a few sales, and a snapshot of every file (locks and logs included) to prove the doctor
// changed nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tillpoint, type Child } from '../uploads/cli-bundle.js';

export interface DoctorRun extends Child {
  report: { ok: boolean; checks: { id: string; title: string; status: 'ok' | 'warning' | 'fail'; detail: string; fix: string }[] };
  check(id: string): { id: string; status: string; detail: string; fix: string };
}

export function doctor(bundle: string, dir: string, env: Record<string, string> = {}): DoctorRun {
  return parsed(tillpoint(bundle, ['doctor', '--json', '--data', dir], env));
}

/**
 * The command in a child process without blocking this one: needed when this process serves the
 * other end (the Loyalty Plus simulator runs in the test process).
 */
export function tillpointAsync(bundle: string, args: string[], env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export async function doctorAsync(bundle: string, dir: string, env: Record<string, string> = {}): Promise<DoctorRun> {
  return parsed(await tillpointAsync(bundle, ['doctor', '--json', '--data', dir], env));
}

function parsed(r: Child): DoctorRun {
  let report: DoctorRun['report'];
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`doctor --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return {
    ...r, report,
    check(id) {
      const c = report.checks.find((x) => x.id === id);
      if (!c) throw new Error(`no check ${id} in ${JSON.stringify(report.checks.map((x) => x.id))}`);
      return c;
    },
  };
}

export function tempRoot(prefix = 'tillpoint-doctor-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A store made by the CLI: one item and `sales` cash sales of till T1. */
export function storeWithSales(bundle: string, dir: string, sales = 3, env: Record<string, string> = {}): void {
  const csv = path.join(path.dirname(dir), `items-${path.basename(dir)}.csv`);
  fs.writeFileSync(csv, 'code,barcode,description,price,taxRate\nA1,6001000000011,Apple juice 1L,19.99,15\n');
  const imp = tillpoint(bundle, ['--data', dir, 'import', 'items', csv], env);
  if (imp.code !== 0) throw new Error(`import failed: ${imp.stderr}`);
  for (let i = 0; i < sales; i++) {
    const s = tillpoint(bundle, ['--data', dir, 'sell', '--item', 'A1', '--tender', 'cash', '--json'], env);
    if (s.code !== 0) throw new Error(`sell failed: ${s.stderr}`);
  }
}

/** Every file under dir with its bytes and mode, locks and logs included. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(p);
      } else out[rel] = `${fs.statSync(p).mode.toString(8)}:${fs.readFileSync(p).toString('base64')}`;
    }
  };
  walk(dir);
  return out;
}

/** The pid of a process that has exited (and been reaped): a lock holder that is gone. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

export function writeLock(dir: string, name: string, pid: number, since = new Date(Date.now() - 3 * 60 * 60 * 1000)): void {
  fs.writeFileSync(path.join(dir, 'locks', name), JSON.stringify({ pid, host: os.hostname(), since: since.toISOString(), token: 'deadbeefdeadbeef' }));
}
