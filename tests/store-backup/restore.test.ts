// `tillpoint restore BACKUP` of a whole-store backup: refused (nothing changed) for a tampered
// file, naming it, and while a till holds a lock on the target store, naming its pid; restoring
// over the store keeps the store it replaced and its backups. A torn last line is never copied.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupStore, readStoreManifest, restoreStore } from '../../src/store/store-backup/index.js';
import { bundleCli, run } from '../golive/cli-bundle.js';
import { snapshotDir } from '../cli/run-cli.js';
import { appendSales, quietStore, startChild, storeErrorOf, tempDir } from '../store/helpers.js';

let cli: string;
beforeAll(async () => {
  cli = await bundleCli();
});

async function storeWithSales(n: number): Promise<{ dir: string; backup: string }> {
  const dir = path.join(tempDir(), 'store');
  const { store } = await quietStore(dir);
  try {
    appendSales(store, 'T1', n);
    await store.edit('settings', (s) => {
      s.company.storeName = 'Backed Up Store';
    });
    const { dir: backup } = await backupStore(store, { now: new Date() });
    return { dir, backup };
  } finally {
    store.close();
  }
}

const journalSeqs = (dir: string, till: string) => fs.readFileSync(path.join(dir, 'journals', `${till}.jsonl`), 'utf8').trim().split('\n')
  .map((l) => (JSON.parse(l.slice(9)) as { seq: number }).seq);

describe('whole-store restore', () => {
  it('refuses a tampered file naming it, and changes nothing', async () => {
    const { backup } = await storeWithSales(3);
    const target = path.join(tempDir(), 'new-store');
    for (const name of ['items.json', 'journals/T1.jsonl']) {
      const file = path.join(backup, ...name.split('/'));
      const good = fs.readFileSync(file);
      const bad = Buffer.from(good);
      const at = Math.floor(bad.length / 2);
      bad[at] = bad[at]! ^ 0x01;
      fs.writeFileSync(file, bad);
      const r = run(cli, ['--data', target, 'restore', backup, '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${name} in the backup ${backup} does not match its checksum`);
      expect(JSON.parse(r.stdout).error).toContain(name);
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(path.dirname(target))).toEqual([]);
      fs.writeFileSync(file, good);
    }
    fs.rmSync(path.join(backup, 'manifest.json'));
    const r = run(cli, ['--data', target, 'restore', backup]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no manifest\.json: it is not a backup/);
  });

  it('refuses while a till holds a lock on the target store, naming its pid', async () => {
    const { dir, backup } = await storeWithSales(2);
    const holder = await startChild('hold-till', dir, 'T1');
    try {
      const line = await holder.waitFor(/^ready \d+$/);
      const pid = Number(line.split(' ')[1]);
      const before = snapshotDir(dir);
      const r = run(cli, ['--data', dir, 'restore', backup]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`till-T1.lock is held by process ${pid}`);
      expect(snapshotDir(dir)).toEqual(before);
      expect(fs.readdirSync(path.dirname(dir))).toEqual(['store']);
    } finally {
      holder.proc.stdin!.end();
      await holder.done;
    }
  });

  it('restores over the store: the replaced store is kept, backups move across, locks are not left behind', async () => {
    const { dir, backup } = await storeWithSales(4);
    {
      const { store } = await quietStore(dir, false);
      appendSales(store, 'T1', 3);
      await store.edit('settings', (s) => {
        s.company.storeName = 'Changed Later';
      });
      store.close();
    }
    expect(journalSeqs(dir, 'T1')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const r = run(cli, ['--data', dir, 'restore', backup, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { replacedBy: string; journals: Record<string, { lastSeq: number }> };
    expect(out.journals.T1!.lastSeq).toBe(4);
    expect(path.basename(out.replacedBy)).toMatch(/^store\.before-restore-\d{8}-\d{6}$/);
    expect(journalSeqs(dir, 'T1')).toEqual([1, 2, 3, 4]);
    expect(journalSeqs(out.replacedBy, 'T1')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    // The backup restored from lived in the store's backups/: it moved into the restored store.
    expect(fs.existsSync(path.join(dir, 'backups', path.basename(backup), 'manifest.json'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'locks'))).toEqual([]);
    expect(fs.readdirSync(path.join(out.replacedBy, 'locks')).filter((f) => f.endsWith('.lock'))).toEqual([]);
    const { store } = await quietStore(dir, false);
    try {
      expect(store.get('settings').company.storeName).toBe('Backed Up Store');
      const w = store.claimTill('T1');
      expect(w.nextSeq()).toBe(5);
      w.release();
    } finally {
      store.close();
    }
  });

  it('refuses another store\'s folder and a non-store folder', async () => {
    const { backup } = await storeWithSales(1);
    const other = path.join(tempDir(), 'other');
    (await quietStore(other)).store.close();
    const e = storeErrorOf(() => restoreStore(backup, other, { now: new Date() }));
    expect(e.message).toMatch(/holds another store \(id [^)]+\); this backup is of store/);
    const junk = tempDir();
    fs.writeFileSync(path.join(junk, 'notes.txt'), 'mine\n');
    expect(storeErrorOf(() => restoreStore(backup, junk, { now: new Date() })).message).toMatch(/is not a tillpoint store/);
    expect(fs.readdirSync(junk)).toEqual(['notes.txt']);
  });

  it('copies a journal only up to its last complete line, keeps the numbers a till cut off, never the backups folder', async () => {
    const dir = path.join(tempDir(), 'store');
    const { store } = await quietStore(dir);
    let chosen = '';
    try {
      appendSales(store, 'T2', 5);
      const journal = path.join(dir, 'journals', 'T2.jsonl');
      const complete = fs.statSync(journal).size;
      // A record still being written by the till: bytes without their newline.
      fs.appendFileSync(journal, '0badc0de {"v":1,"seq":6');
      // A slip of a record within the mark is copied; one of a number past it is not.
      fs.mkdirSync(path.join(dir, 'slips', '2025-01-02'), { recursive: true });
      for (const n of ['T2-000005', 'T2-000006']) fs.writeFileSync(path.join(dir, 'slips', '2025-01-02', `${n}-40.txt`), `${n}\n`);
      // Numbers a till once cut off stay used: the backup keeps the .rejected file that says so.
      fs.writeFileSync(path.join(dir, 'journals', 'T2.jsonl.rejected'), '# 2025-01-02T08:00:00.000Z from byte 1 (bad checksum); numbers up to seq 9 stay used\n');
      const first = await backupStore(store, { now: new Date() });
      const to = path.join(tempDir(), 'chosen');
      const second = await backupStore(store, { now: new Date(), to });
      expect(second.dir).toBe(to);
      for (const b of [first, second]) {
        expect(b.manifest.journals.T2).toEqual({ bytes: complete, lastSeq: 5 });
        expect(fs.statSync(path.join(b.dir, 'journals', 'T2.jsonl')).size).toBe(complete);
        expect(readStoreManifest(b.dir).files.some((f) => f.name.startsWith('backups/'))).toBe(false);
      }
      expect(b2Skipped(second.manifest.skipped)).toBe(true);
      const slips = second.manifest.files.map((f) => f.name).filter((n) => n.startsWith('slips/'));
      expect(slips).toEqual(['slips/2025-01-02/T2-000005-40.txt']);
      expect(fs.statSync(to).mode & 0o777).toBe(0o700);
      chosen = to;
    } finally {
      store.close();
    }
    const restored = path.join(tempDir(), 'restored');
    restoreStore(chosen, restored, { now: new Date() });
    const again = await quietStore(restored, false);
    try {
      const w = again.store.claimTill('T2');
      expect(w.nextSeq()).toBe(10);
      w.release();
    } finally {
      again.store.close();
    }
  });
});

describe('tillpoint backup', () => {
  it('backs up into --out DIR, prints the marks, and refuses a folder that is not empty', async () => {
    const dir = path.join(tempDir(), 'store');
    const { store } = await quietStore(dir);
    appendSales(store, 'T1', 2);
    store.close();
    const to = path.join(tempDir(), 'b');
    const r = run(cli, ['--data', dir, 'backup', '--to', to]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`to ${to}`);
    expect(r.stdout).toContain('T1: up to seq 2');
    expect(readStoreManifest(to).journals.T1).toMatchObject({ lastSeq: 2 });
    const again = run(cli, ['--data', dir, 'backup', '--out', to, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error).toMatch(/is not empty: choose a new folder/);
    expect(run(cli, ['--data', path.join(tempDir(), 'none'), 'backup']).code).toBe(1);
    expect(run(cli, ['--data', dir, 'backup', 'extra']).code).toBe(2);
    const help = run(cli, ['backup', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^tillpoint backup \[--to DIR\] \[--json\]/);
    expect(run(cli, ['--help']).stdout).toContain('tillpoint backup [--to DIR] [--json]');
  });
});

function b2Skipped(skipped: string[]): boolean {
  return skipped.some((s) => s.startsWith('backups/')) && skipped.some((s) => s.includes('index.json'));
}
