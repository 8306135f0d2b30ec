// A whole-store backup taken while two till processes ring up a burst of sales restores to a
// consistent store: every journal line good, each journal a prefix of the live one ending at its
// mark, sale numbers continuous, the trial balance balanced, and `sales --json` listing exactly
// the sales up to the marks. Real processes (the bundled CLI and two till children), real files.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/demo.js';
import { backOffice } from '../../src/store/back-office.js';
import { decodeLine } from '../../src/store/journal-format.js';
import type { StoreBackupManifest } from '../../src/store/store-backup/index.js';
import { bundleFixture } from '../e2e/bundle-fixture.js';
import { bundleCli, run } from '../golive/cli-bundle.js';
import { quietStore } from '../store/helpers.js';

let cli: string;
let till: string;
const made: string[] = [];
beforeAll(async () => {
  [cli, till] = await Promise.all([bundleCli(), bundleFixture('till-burst')]);
});
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function temp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-store-backup-'));
  made.push(d);
  return d;
}

function startTill(dir: string, id: string) {
  const child: ChildProcess = spawn(process.execPath, [till, dir, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const lastSeq = () => {
    const slips = out.split('\n').filter((l) => l.startsWith('SLIP '));
    return slips.length === 0 ? 0 : Number(slips.at(-1)!.slice(-6));
  };
  const waitSeq = (seq: number) => new Promise<void>((resolve, reject) => {
    const tick = () => {
      if (lastSeq() >= seq) return resolve();
      if (child.exitCode !== null) return reject(new Error(`till ${id} stopped: ${err}`));
      setTimeout(tick, 10);
    };
    tick();
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { waitSeq, kill: async () => (child.kill('SIGKILL'), exited) };
}

function runAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function journalLines(file: string, id: string): { seq: number; saleNumber: string }[] {
  const bytes = fs.readFileSync(file);
  expect(bytes.at(-1)).toBe(0x0a);
  const lines = bytes.subarray(0, -1).toString('latin1').split('\n');
  return lines.map((l) => {
    const d = decodeLine(Buffer.from(l, 'latin1'), id, file);
    if (!d.ok) throw new Error(`${file}: a bad line (${d.reason})`);
    return { seq: d.record.seq, saleNumber: (d.record.doc as { saleNumber: string }).saleNumber };
  });
}

describe('whole-store backup during a burst of sales', () => {
  it('restores to a consistent store holding exactly the sales up to the marks', async () => {
    const root = temp();
    const live = path.join(root, 'store');
    // The demo store in-process (a bundle in a temp folder cannot find the demo data).
    const seeded = await quietStore(live);
    await seedDemo(seeded.store, () => new Date());
    seeded.store.close();
    const t1 = startTill(live, 'T1');
    const t2 = startTill(live, 'T2');
    try {
      await Promise.all([t1.waitSeq(20), t2.waitSeq(20)]);
      const taken = await runAsync(['--data', live, 'backup', '--json']);
      expect(taken.stderr).toBe('');
      expect(taken.code).toBe(0);
      const { dir, manifest } = JSON.parse(taken.stdout) as { dir: string; manifest: StoreBackupManifest };
            expect(path.dirname(dir)).toBe(path.join(live, 'backups'));
      expect(path.basename(dir)).toMatch(/^store-\d{8}-\d{6}$/);
      // The tills went on selling past the marks: the backup did not stop them.
      await Promise.all([t1.waitSeq(manifest.journals.T1!.lastSeq + 5), t2.waitSeq(manifest.journals.T2!.lastSeq + 5)]);
      await Promise.all([t1.kill(), t2.kill()]);

      // Owner-only: the folder 0700, settings.json (secrets) 0600.
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
      expect(manifest.files.map((f) => f.name).filter((n) => /^(backups|locks|logs)\//.test(n))).toEqual([]);
      expect(manifest.files.map((f) => f.name)).toEqual(expect.arrayContaining(['settings.json', 'items.json', 'journals/T1.jsonl', 'journals/T2.jsonl']));
      expect(fs.readdirSync(dir)).not.toContain('backups');
      // Slips only of sales within the marks (a later sale's slip would block that number's new slip).
      const slips = manifest.files.map((f) => /^slips\/[^/]+\/(T\d)-(\d{6})-40\.txt$/.exec(f.name)).filter((m) => m !== null);
      expect(slips.length).toBeGreaterThan(0);
      for (const m of slips) expect(Number(m[2])).toBeLessThanOrEqual(manifest.journals[m[1]!]!.lastSeq);

      const restored = path.join(root, 'restored');
      const r = run(cli, ['--data', restored, 'restore', dir, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'store', dir: restored, replacedBy: null, storeId: manifest.storeId });

      const expected: string[] = [];
      for (const id of ['T1', 'T2']) {
        const mark = manifest.journals[id]!;
        const file = path.join(restored, 'journals', `${id}.jsonl`);
        const lines = journalLines(file, id);
        expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
        expect(lines.at(-1)!.seq).toBe(mark.lastSeq);
        const copy = fs.readFileSync(file);
        expect(copy.length).toBe(mark.bytes);
        const liveBytes = fs.readFileSync(path.join(live, 'journals', `${id}.jsonl`));
        expect(liveBytes.length).toBeGreaterThan(copy.length);
        expect(liveBytes.subarray(0, copy.length).equals(copy)).toBe(true);
        expected.push(...lines.map((l) => l.saleNumber));
      }

      const listed = run(cli, ['--data', restored, 'sales', '--json']);
      expect(listed.code).toBe(0);
      const numbers = (JSON.parse(listed.stdout) as { saleNumber: string }[]).map((s) => s.saleNumber);
      expect([...numbers].sort()).toEqual([...expected].sort());
      const liveCount = (JSON.parse(run(cli, ['--data', live, 'sales', '--json']).stdout) as unknown[]).length;
      expect(liveCount).toBeGreaterThan(numbers.length);

      const { store } = await quietStore(restored, false);
      try {
        const tb = backOffice(store).trialBalance();
        expect(tb.balanced).toBe(true);
        expect(tb.totals.debit).toBe(tb.totals.credit);
        expect(tb.totals.debit).toBeGreaterThan(0);
        // A till of the restored store goes on from its mark.
        const w = store.claimTill('T1');
        expect(w.nextSeq()).toBe(manifest.journals.T1!.lastSeq + 1);
        w.release();
      } finally {
        store.close();
      }
    } finally {
      await Promise.all([t1.kill(), t2.kill()]);
    }
  }, 120_000);
});
